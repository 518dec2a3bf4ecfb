"""The importer protocol: one :class:`SuiteImporter` per public suite format.

An importer reads the user's local copy of a public suite and writes it, self-tested, as a suite
of the workbench's task format (see :func:`workbench.importers.write_imported_suite`). What every
import takes (where to write, the user's errata, the self-test's settings) is an
:class:`ImportRequest`; what only one takes (VerilogEval's variant, ...) are the importer's own
fields. The command line builds ``rtlwb import NAME`` from both, with the docstring as its help.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from workbench.importers._audit import ImportAudit
from workbench.importers._suite import ImportReport, SelfTestProgress
from workbench.task.errata import Erratum


@dataclass(frozen=True)
class ImportRequest:
    """What every suite import takes besides its source."""

    out: Path | None = None  # where to write the suite; None: the imported suites folder
    user_errata: list[Erratum] = field(default_factory=list)
    errata_folder: Path | None = None  # where the replacement files of the user's errata are
    simulators: list[str] | None = None  # of the golden self-test; None: the importer's own choice
    jobs: int = 2
    check: bool = True  # run the golden self-test (which writes the suite's errata)
    progress: SelfTestProgress | None = None  # told of each check of the self-test as it is done
    audit: ImportAudit | None = None  # the testbench audit after the self-test (importers that are auditable)

    def self_test_on(self, default: list[str] | None) -> list[str]:
        """The simulators of a simulation self-test: none without a check, else those asked for
        or ``default``."""
        return list(self.simulators or default or []) if self.check else []


@dataclass(frozen=True)
class SimulatorChoice:
    """The ``--sim`` option of an importer whose self-test simulates."""

    default: list[str] | None  # None: the importer chooses (e.g. each harness's own)
    help: str


GOLDEN_SELF_TEST = SimulatorChoice(["icarus"], "simulators of the golden self-test (repeatable)")


class SuiteImporter(BaseModel, ABC):
    """A public suite's format. Its fields are its own settings (``--NAME`` options, with their
    descriptions as help); its docstring is the command's help."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_help: ClassVar[str]  # what the command's PATH argument is
    simulators: ClassVar[SimulatorChoice | None] = None  # None: its self-test does not simulate
    auditable: ClassVar[bool] = False  # its tasks have reference designs: `--audit` mutates them

    @abstractmethod
    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        """Read the copy at ``source`` and write it as a suite; raises TaskFormatError with a
        usable message when nothing can be imported."""
