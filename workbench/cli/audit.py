"""``rtlwb audit``: mutation testing of a suite's testbenches (see :mod:`workbench.eval.audit`)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, UsageError, err, one_simulator, out, print_malformed
from workbench.cli._progress import Progress
from workbench.eval.audit import (
    MAX_UNDECIDED,
    TEMPLATES_SUITE,
    AuditProgress,
    AuditReport,
    AuditStatus,
    Survivor,
    TaskAudit,
    audit_suite,
    templates_suite,
)
from workbench.sandbox import isolation
from workbench.task.suite import Suite, load_suite


def audit(
    suite: Annotated[str, typer.Argument(help=f"suite name or folder, or '{TEMPLATES_SUITE}' for the "
                                              "rtl_templates blocks (each at its default parameters)")],
    task: Annotated[list[str] | None, typer.Option("--task", "-t", help="only these task ids (repeatable)")] = None,
    sample: Annotated[int | None, typer.Option("--sample", min=1, help="mutants drawn per task (default: all)")] = None,
    seed: Annotated[int, typer.Option("--seed", help="seed of the draw")] = 0,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="parallel processes")] = os.cpu_count() or 2,
    sim: Annotated[str | None, typer.Option("--sim", "-s", callback=one_simulator,
                                                help="icarus or verilator (default: each task's first)")] = None,
    min_kill: Annotated[float, typer.Option("--min-kill", min=0.0, max=1.0,
                                            help="the kill rate the exit status asks of the suite and of "
                                                 "every task")] = 0.98,
    max_undecided: Annotated[float, typer.Option("--max-undecided", min=0.0, max=1.0,
                                                 help="undecided survivors allowed, a share of the counted "
                                                      "mutants")] = MAX_UNDECIDED,
    snippets: Annotated[Path | None, typer.Option("--snippets", help="write each task's replay tests to "
                                                                     "DIR/<task>.py")] = None,
    workdir: Annotated[Path | None, typer.Option("--workdir", help="keep artefacts (builds, counterexample "
                                                                   "VCDs) here (default: a temporary folder)")] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Mutation testing of testbenches: single-edit mutants of each reference, scored by the task's
    tests; survivors classified by equivalence (equivalent and differs-only-in-x ones do not count)
    and different ones confirmed by a replay test. Exit 0 when every task was audited, the suite's
    and every task's kill rate reach --min-kill and undecided survivors stay within
    --max-undecided; 1 otherwise."""
    isolation()
    with tempfile.TemporaryDirectory(prefix="rtlwb-audit-") as scratch:
        folder = workdir or Path(scratch)
        loaded = templates_suite(folder / "tasks") if suite == TEMPLATES_SUITE else load_suite(suite)
        malformed = [str(problem) for problem in loaded.problems]
        print_malformed(malformed)  # named first: an audit of the rest is no audit of the suite
        _check_task_ids(loaded, task or [])
        with Progress(enabled=not quiet) as progress:
            display = _AuditDisplay(progress, None if as_json else _task_line)
            report = audit_suite(loaded, folder, task_ids=task or (), sample=sample, seed=seed, jobs=jobs,
                                 sim=sim, progress=display)
    if snippets is not None:
        _write_snippets(report, snippets)
    shortfalls = [f"malformed task, not audited: {problem}" for problem in malformed] + \
        report.shortfalls(min_kill, max_undecided)
    if as_json:
        print(json.dumps({"suite": report.suite, "status": "fail" if shortfalls else "pass", "min_kill": min_kill,
                          "max_undecided": max_undecided, "shortfalls": shortfalls,
                          **report.model_dump(mode="json", exclude={"suite"})}, indent=2))
    else:
        _print_report(report, min_kill, shortfalls)
    raise typer.Exit(1 if shortfalls else 0)


def _check_task_ids(suite: Suite, task_ids: list[str]) -> None:
    unknown = set(task_ids) - {t.id for t in suite.tasks}
    if unknown:
        raise UsageError(f"no task {', '.join(sorted(unknown))} in suite {suite.name}")


class _AuditDisplay(AuditProgress):
    """Two tracks: mutants scored (with survivors so far) and survivors classified; a line per task
    as it finishes."""

    def __init__(self, progress: Progress, line: Callable[[TaskAudit], str] | None) -> None:
        self.progress = progress
        self.line = line
        self.mutants = progress.add("mutants scored", 0)
        self.survivors = progress.add("survivors classified", 0)
        self.planned_total = self.survived = self.different = 0

    def planned(self, task_id: str, mutants: int) -> None:
        self.planned_total += mutants
        self.progress.set_total(self.mutants, self.planned_total)

    def scored(self, task_id: str, mutants: int, survived: int) -> None:
        self.survived += survived
        self.progress.set_total(self.survivors, self.survived)
        self.progress.advance(self.mutants, mutants, status=f"{self.survived} survived")

    def classified(self, task_id: str, survivor: Survivor) -> None:
        self.different += survivor.is_different
        self.progress.advance(self.survivors, status=f"{self.different} different")

    def finished(self, audit: TaskAudit) -> None:
        if self.line is None:
            return
        if self.progress.enabled and out.is_terminal and err.is_terminal:
            self.progress.note(self.line(audit))  # above the bars: a direct write would tear the live display
        else:
            out.print(self.line(audit))


def _task_line(audit: TaskAudit) -> str:
    if audit.status != AuditStatus.AUDITED:
        return f"{audit.task_id:24} [red]{audit.status.value}[/red] {escape(audit.message)}"
    rate = audit.kill_rate
    shown = "-" if rate is None else f"{rate:.1%}"
    colour = "green" if rate is None or audit.killed == audit.counted else "red"
    return (f"{audit.task_id:24} kill [{colour}]{shown:>6}[/{colour}]  {audit.killed}/{audit.counted} killed, "
            f"{audit.equivalent} equivalent, {audit.x_only} X-only, {audit.gaps} gaps, {audit.undecided} undecided")


def _print_report(report: AuditReport, min_kill: float, shortfalls: list[str]) -> None:
    table = Table("task", "mutants", "killed", "equivalent", "X-only", "gaps", "undecided", "stillborn", "kill rate",
                  title=f"testbench audit of suite '{report.suite}'"
                        + (f" ({report.sample} mutants per task, seed {report.seed})" if report.sample else ""))
    for audit in report.tasks:
        if audit.status != AuditStatus.AUDITED:
            table.add_row(audit.task_id, f"[red]{audit.status.value}[/red]", *[""] * 7)
            continue
        rate = "-" if audit.kill_rate is None else f"{audit.kill_rate:.1%}"
        table.add_row(audit.task_id, *(str(n) for n in (audit.mutants, audit.killed, audit.equivalent, audit.x_only,
                                                        audit.gaps, audit.undecided, audit.stillborn)), rate)
    out.print(table)
    for audit in report.tasks:
        for survivor in audit.survivors:
            if not survivor.is_equivalent:
                out.print(escape(f"{audit.task_id}: {survivor.mutant_id} {survivor.description}: "
                                 f"{_survivor_kind(survivor)}: {survivor.label}"), highlight=False)
        if audit.status != AuditStatus.AUDITED:
            err.print(f"[red]{audit.task_id}: {audit.status.value}[/red] {escape(audit.message)}")
    rate = "-" if report.kill_rate is None else f"{report.kill_rate:.1%}"
    out.print(f"{report.mutants} mutants: {report.killed} killed, {report.equivalent} equivalent, "
              f"{report.x_only} X-only, {report.gaps} gaps, {report.undecided} undecided; kill rate {rate} "
              f"(needed {min_kill:.0%} of the suite and of every task) in {report.seconds:.0f} s  "
              + ("[red]FAILED[/red]" if shortfalls else "[green]passed[/green]"))
    for shortfall in shortfalls:
        out.print(f"  short: {escape(shortfall)}", highlight=False)


def _survivor_kind(survivor: Survivor) -> str:
    if survivor.is_x_only:
        return "X-only, not counted"
    if survivor.is_gap:
        return "gap"
    if survivor.is_different:
        return f"unconfirmed ({survivor.test_message})"
    return "undecided"


def _write_snippets(report: AuditReport, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for audit in report.tasks:
        if audit.snippet:
            path = folder / f"{audit.task_id}.py"
            path.write_text(audit.snippet)
            err.print(f"replay tests for {audit.task_id}: {path}")
