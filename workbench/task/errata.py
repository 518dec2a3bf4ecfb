"""Errata: known problems of imported tasks, with the evidence.

The golden self-test run on import finds them (a reference that fails, a port-only stub that
passes); a user may add their own. An erratum either excludes its task from the "with errata"
figures, records that the problem was fixed (the user's replacement files were applied on import
and the self-test then passed), or is a note. Reports show both the "as published" figures (every
task) and the "with errata" figures (excluded tasks left out) side by side.

The testbench audit on import (``rtlwb import ... --audit``) adds a note of problem
``testbench-gap`` for each mutant of a reference that passes the task's tests and is not shown
equivalent to it: the task's simulation verdicts are weak there. The note names the mutant, the
equivalence checker's verdict (``different``, or undecided: ``unknown`` / ``unsupported`` with the
reason) and, for a different one, the input sequence on which the outputs differ.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from workbench.task.format import TaskFormatError, describe_validation_error, toml_document

ERRATA_FILE = "errata.toml"

Problem = Literal["reference-fails", "stub-passes", "not-imported", "testbench-gap", "other"]
Action = Literal["exclude", "fixed", "note"]
Source = Literal["self-test", "audit", "user"]


class Erratum(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task: str  # the task id in the imported suite
    problem: Problem
    action: Action = "exclude"
    source: Source = "self-test"
    simulator: str | None = None
    evidence: str = ""  # tool output
    files: dict[str, str] = {}  # action "fixed": task file -> replacement, relative to the errata file
    mutant: str | None = None  # testbench-gap: the id of the mutant that passed the tests
    equivalence: str | None = None  # testbench-gap: the checker's verdict on it (different, unknown, unsupported)
    counterexample: str = ""  # testbench-gap, different: per cycle, the inputs and both designs' outputs

    def record(self) -> dict:
        """The erratum as written: what it is always, the rest when it is set."""
        return self.model_dump(exclude_defaults=True) | {"task": self.task, "problem": self.problem,
                                                          "action": self.action}


def load_errata(path: Path) -> list[Erratum]:
    """The ``[[erratum]]`` tables of ``path``; a malformed file raises TaskFormatError naming it."""
    try:
        raw = tomllib.loads(path.read_text())
    except OSError as error:
        raise TaskFormatError(f"{path}: cannot read the errata file ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise TaskFormatError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(raw) - {"erratum"})
    if unknown:
        raise TaskFormatError(f"{path}: expected only [[erratum]] tables, found '{unknown[0]}'")
    try:
        return [Erratum.model_validate(entry) for entry in raw.get("erratum", [])]
    except ValidationError as error:
        raise TaskFormatError(f"{path}: {describe_validation_error(error)}") from None


def write_errata(path: Path, errata: list[Erratum]) -> None:
    header = ("# Errata of this imported suite: problems found by the golden self-test on import (with the\n"
              "# tool output as evidence), testbench gaps found by the audit, and the user's own. Tasks with\n"
              "# action \"exclude\" are left out of the \"with errata\" figures.\n")
    path.write_text(header + "".join(_erratum_text(erratum) for erratum in errata))


def _erratum_text(erratum: Erratum) -> str:
    """One ``[[erratum]]`` table; a counterexample as a multi-line string, so that its table reads as
    one (its cells are names, digits and ``x``: never the literal string's closing quotes)."""
    record = erratum.record()
    table = record.pop("counterexample", "")
    text = "\n" + toml_document({"erratum": [record]})
    return text + (f"counterexample = '''\n{table}'''\n" if table else "")


def suite_errata(folder: Path) -> list[Erratum]:
    """The errata of the suite in ``folder`` (none when it has no errata file)."""
    path = folder / ERRATA_FILE
    return load_errata(path) if path.is_file() else []


def excluded_tasks(errata: list[Erratum]) -> set[str]:
    return {erratum.task for erratum in errata if erratum.action == "exclude"}
