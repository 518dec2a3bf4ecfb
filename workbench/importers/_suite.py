"""What every importer of a public suite shares: writing the suite, the golden self-test on import,
and the errata it produces.

An importer reads the user's local copy of a public suite and returns :class:`ImportedTask` s
(configuration, specification and file contents); :func:`write_imported_suite` writes them as a
suite of the workbench's task format (by default under the user's data folder, never into this
project), applies the user's fixes, runs the golden self-test and, when asked, the testbench audit
(``_audit.py``), and records what they find in the suite's ``errata.toml``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pyslang import ast, syntax

from workbench.eval.selftest import CheckSummary, check_suite
from workbench.hdl.interface import DesignOutline, outline_design
from workbench.importers._audit import AuditFigures, ImportAudit, audit_imported_suite
from workbench.task.errata import ERRATA_FILE, Erratum, write_errata
from workbench.task.format import Parameter, Port, TaskConfig, TaskFormatError, task_toml, toml_document
from workbench.task.suite import Suite, imported_root, load_suite

MANIFEST_FILE = "suite.toml"


@dataclass
class ImportedTask:
    config: TaskConfig
    summary: str
    detailed: str
    files: dict[str, str] = field(default_factory=dict)  # name in the task folder -> contents
    notes: list[str] = field(default_factory=list)  # what the importer had to change, for the errata


@dataclass(frozen=True)
class Skipped:
    source_id: str
    reason: str


@dataclass
class ImportReport:
    suite: str
    folder: Path
    tasks: int
    skipped: list[Skipped] = field(default_factory=list)
    errata: list[Erratum] = field(default_factory=list)
    golden_pass: int | None = None  # None when the self-test was not run
    stub_fail: int | None = None
    simulators: list[str] = field(default_factory=list)
    audit: AuditFigures | None = None  # None when the suite was not audited

    @property
    def excluded(self) -> int:
        return len({e.task for e in self.errata if e.action == "exclude"})


@dataclass(frozen=True)
class SelfTestProgress:
    """What the golden self-test of an import tells its caller as it goes: how many checks are to
    come, then each check done (its task id, and whether the task behaved)."""

    on_start: Callable[[int], None]
    on_checked: Callable[[str, bool], None]


SelfTest = Callable[[Suite, list[str], int, SelfTestProgress | None], tuple[list[Erratum], int, int]]


def write_imported_suite(name: str, tasks: list[ImportedTask], out: Path | None, manifest: dict,
                         skipped: Sequence[Skipped] = (), user_errata: Sequence[Erratum] = (),
                         errata_folder: Path | None = None,
                         simulators: Sequence[str] = ("icarus",), jobs: int = 2,
                         self_test: SelfTest | None = None, progress: SelfTestProgress | None = None,
                         audit: ImportAudit | None = None) -> ImportReport:
    """Write ``tasks`` as suite ``name`` in ``out`` (default: the imported root), apply the user's
    fixes, self-test it on ``simulators`` (none: no self-test; ``progress`` hears of each check),
    audit its testbenches when ``audit`` says so, and write its errata."""
    tasks, skipped = _unique_ids(tasks, list(skipped))
    if not tasks:
        raise TaskFormatError(f"no task could be imported ({len(skipped)} skipped"
                              + (f"; the first: {skipped[0].reason}" if skipped else "") + ")")
    folder = (out or imported_root() / name).resolve()
    if folder.exists():
        if not (folder / MANIFEST_FILE).is_file():
            raise TaskFormatError(f"{folder}: exists and is not an imported suite (no {MANIFEST_FILE}); "
                                  "choose another --out")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    try:
        for task in tasks:
            _write_task(folder / task.config.id, task)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no half-written suite that a re-import would refuse
        raise
    _apply_fixes(folder, user_errata, errata_folder)
    (folder / MANIFEST_FILE).write_text(toml_document({
        "name": name, "imported": datetime.now(UTC).isoformat(timespec="seconds"), **manifest}))
    errata = [*user_errata,
              *(Erratum(task=t.config.id, problem="other", action="note", evidence=note)
                for t in tasks for note in t.notes),
              *(Erratum(task=s.source_id, problem="not-imported", action="note", evidence=s.reason) for s in skipped)]
    report = ImportReport(suite=name, folder=folder, tasks=len(tasks), skipped=list(skipped),
                          simulators=list(simulators))
    if simulators:
        found, report.golden_pass, report.stub_fail = (self_test or simulation_self_test)(
            load_suite(folder), list(simulators), jobs, progress)
        errata += found  # a fix that did not work shows up here again
    if audit is not None:
        report.audit, gaps = audit_imported_suite(load_suite(folder), audit, jobs)
        errata += gaps
    report.errata = errata
    write_errata(folder / ERRATA_FILE, errata)
    return report


def module_interface(code: str, top: str, where: str) -> tuple[list[Port], list[Parameter]]:
    """The ports and integer parameters of module ``top`` in ``code`` (elaborated with its defaults);
    raises ValueError naming ``where`` when the module is not there or does not parse."""
    outline = outline_design(code, top)
    if outline is None:
        raise ValueError(f"{where}: does not parse")
    if outline.top is None:
        raise ValueError(f"{where}: no module {top} (found: {', '.join(outline.modules) or 'none'})")
    if not outline.ports:
        raise ValueError(f"{where}: module {top} has no ports")
    ports = [Port(name=p.name, direction=p.direction, width=max(1, p.width), signed=p.signed) for p in outline.ports]
    return ports, header_parameters(code, top)


def outline_ports(outline: DesignOutline) -> list[Port]:
    """The ports of an outlined top module as task ports (other directions, e.g. ``ref``, as inout)."""
    return [Port(name=p.name, direction=p.direction if p.direction in ("input", "output", "inout") else "inout",
                 width=max(p.width, 1), signed=p.signed) for p in outline.ports]


def header_parameters(code: str, top: str) -> list[Parameter]:
    """The integer parameters of ``top``'s header: the port-only stub must accept a testbench's
    overrides. (interface.design_signals lists localparams too, which a testbench cannot set.)"""
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(code, "reference.sv"))
    instance = next(i for i in compilation.getRoot().topInstances if i.name == top)
    parameters = []
    for symbol in instance.body.parameters:
        value = str(getattr(symbol, "value", ""))
        if not symbol.isLocalParam and re.fullmatch(r"-?\d+", value):
            parameters.append(Parameter(name=symbol.name, default=int(value)))
    return parameters


def first_sentence(text: str) -> str:
    """The summary of an imported task: the first sentence of its prompt."""
    flat = " ".join(text.split())
    found = re.match(r"(.+?[.!?])(\s|$)", flat)
    return (found.group(1) if found else flat)[:300]


def _unique_ids(tasks: list[ImportedTask], skipped: list[Skipped]) -> tuple[list[ImportedTask], list[Skipped]]:
    """One task per id: a copy of a suite holding the same problem twice (two data files) keeps the first."""
    seen: set[str] = set()
    unique = []
    for task in tasks:
        if task.config.id in seen:
            skipped.append(Skipped(source_id=task.config.source_id or task.config.id,
                                   reason=f"a second problem with the id {task.config.id}: the first is kept"))
        else:
            seen.add(task.config.id)
            unique.append(task)
    return unique, skipped


def _write_task(folder: Path, task: ImportedTask) -> None:
    folder.mkdir(parents=True)
    (folder / "task.toml").write_text(task_toml(task.config))
    (folder / "spec.md").write_text(f"## Summary\n{task.summary.strip()}\n\n"
                                    f"## Specification\n{task.detailed.strip()}\n")
    for name, text in task.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _apply_fixes(folder: Path, user_errata: Sequence[Erratum], errata_folder: Path | None) -> None:
    for erratum in user_errata:
        for name, replacement in erratum.files.items() if erratum.action == "fixed" else ():
            source = (errata_folder or Path.cwd()) / replacement
            target = folder / erratum.task / name
            if not source.is_file():
                raise TaskFormatError(f"errata: the fix of task {erratum.task} names '{replacement}', "
                                      "which is not a file")
            if not target.parent.is_dir():
                raise TaskFormatError(f"errata: task {erratum.task} is not in the imported suite")
            shutil.copy(source, target)


def simulation_self_test(suite: Suite, simulators: list[str], jobs: int,
                         progress: SelfTestProgress | None = None) -> tuple[list[Erratum], int, int]:
    """Every reference must pass and every port-only stub must fail, on each simulator."""
    summary = checked_suite(suite, simulators, jobs, progress)
    errata = []
    for row in summary.rows:
        if not row.golden_ok:
            errata.append(Erratum(task=row.task_id, problem="reference-fails", simulator=row.simulator,
                                  evidence=row.evidence))
        elif not row.stub_ok:
            errata.append(Erratum(task=row.task_id, problem="stub-passes", simulator=row.simulator,
                                  evidence=row.evidence))
    errata += [Erratum(task=Path(str(p).split(":")[0]).parent.name, problem="other", evidence=str(p))
               for p in suite.problems]
    return errata, summary.golden_pass, summary.stub_fail


def checked_suite(suite: Suite, simulators: list[str], jobs: int, progress: SelfTestProgress | None) -> CheckSummary:
    """:func:`check_suite` of ``suite``, telling ``progress`` of each row (a task on one simulator)."""
    if progress is None:
        return check_suite(suite, simulators, jobs=jobs)
    return check_suite(suite, simulators, jobs=jobs, on_start=progress.on_start,
                       on_row=lambda row: progress.on_checked(row.task_id, row.ok))
