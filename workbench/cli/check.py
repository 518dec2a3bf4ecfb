"""``rtlwb check``: the golden self-test of a suite (references pass, stubs and mutants fail)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Generic, Protocol, TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, SimOption, UsageError, err, out, print_malformed, simulators
from workbench.cli._progress import Progress
from workbench.eval.selftest import (
    AssertionCheckRow,
    AssertionCheckSummary,
    CheckRow,
    CheckSummary,
    HlsCheckRow,
    HlsCheckSummary,
    check_assertion_suite,
    check_hls_suite,
    check_suite,
)
from workbench.hls.csim import toolchain_problem as hls_toolchain_problem
from workbench.sandbox import isolation
from workbench.task.format import TaskKind
from workbench.task.hls import HlsSuite, is_hls_suite, load_hls_suite
from workbench.task.suite import Suite, load_suite


def check(
    suite: Annotated[str, typer.Option(help="suite name or folder")] = "accel",
    sim: SimOption = None,
    task: Annotated[list[str] | None, typer.Option("--task", "-t", help="only these task ids (repeatable)")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="parallel scorings")] = os.cpu_count() or 2,
    lang: Annotated[str, typer.Option(
        "--lang", help="systemverilog, or chisel (the tasks with Chisel references)")] = "systemverilog",
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Golden self-test: each reference must pass and each port-only stub must fail."""
    isolation()
    loaded = load_suite(suite)
    if is_hls_suite(loaded.folder):
        _check_hls_suite(load_hls_suite(loaded.folder), task, jobs, as_json, quiet)
    names = simulators(sim)
    if task:
        unknown = set(task) - {t.id for t in loaded.tasks}
        if unknown:
            raise UsageError(f"no task {', '.join(sorted(unknown))} in suite {loaded.name}")
        loaded.tasks = [t for t in loaded.tasks if t.id in task]
        loaded.problems = [p for p in loaded.problems if any(f"/{t}/" in str(p) for t in task)]
    if any(t.config.kind == TaskKind.ASSERTION for t in loaded.tasks):
        _check_assertion_suite(loaded, jobs, as_json, quiet)
    _self_test(loaded.name, lambda folder, on_row, on_start: check_suite(
        loaded, names, jobs=jobs, on_row=on_row, language=lang, on_start=on_start), _row_line, _print_summary,
        as_json, quiet)


def _self_test(name: str, run: Callable[[Path, Callable, Callable], Any], line: Callable[[Any], str],
               print_summary: Callable[[Any], None], as_json: bool, quiet: bool) -> None:
    """Run a suite's self-test (``run(scratch folder, on_row, on_start)``) with its progress, print
    its rows and summary (or one JSON document), and exit 0 only when it is ok."""
    with Progress(enabled=not quiet) as progress, tempfile.TemporaryDirectory(prefix="rtlwb-check-") as folder:
        track = _Track(progress, f"self-test of {name}", None if as_json else line)
        summary = run(Path(folder), track.done, track.start)
    if as_json:
        _print_json(summary)
    else:
        print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _print_json(summary: CheckSummary | HlsCheckSummary | AssertionCheckSummary) -> None:
    print(json.dumps({**summary.model_dump(mode="json"), "ok": summary.ok}, indent=2))


class _Row(Protocol):
    @property
    def ok(self) -> bool: ...


_AnyRow = TypeVar("_AnyRow", bound=_Row)


class _Track(Generic[_AnyRow]):
    """A self-test's progress track, told of each row; with ``line``, the row is shown as it comes."""

    def __init__(self, progress: Progress, label: str, line: Callable[[_AnyRow], str] | None) -> None:
        self.progress = progress
        self.handle = progress.add(label)
        self.line = line
        self.failed: list[_AnyRow] = []  # appended from the self-test's threads

    def start(self, total: int) -> None:
        self.progress.set_total(self.handle, total)

    def done(self, row: _AnyRow) -> None:
        if not row.ok:
            self.failed.append(row)
        self.progress.advance(self.handle, status=f"{len(self.failed)} failed" if self.failed else "")
        if self.line is None:
            return
        if self.progress.enabled and out.is_terminal and err.is_terminal:
            self.progress.note(self.line(row))  # above the bars: a direct write would tear the live display
        else:
            out.print(self.line(row))


def _check_hls_suite(hls: HlsSuite, only: list[str] | None, jobs: int, as_json: bool, quiet: bool) -> None:
    """HLS kernels are judged by C simulation and the static pragma checker, not by an HDL simulator."""
    problem = hls_toolchain_problem()
    if problem:
        raise UsageError(problem)
    if only:
        unknown = set(only) - {k.name for k in hls.kernels} - {b.id for b in hls.bugs}
        if unknown:
            raise UsageError(f"no kernel or bug {', '.join(sorted(unknown))} in suite {hls.name}")
        hls.bugs = [b for b in hls.bugs if b.id in only or b.kernel.name in only]
        hls.kernels = [k for k in hls.kernels if k.name in only or any(b.kernel is k for b in hls.bugs)]
    _self_test(hls.name, lambda folder, on_row, on_start: check_hls_suite(
        hls, folder, jobs, on_row=on_row, on_start=on_start), _hls_row_line, _print_hls_summary, as_json, quiet)


def _hls_row_line(row: HlsCheckRow) -> str:
    what = row.task_id or f"{row.kernel} (golden)"
    verdict = "[green]ok[/green]" if row.ok else "[red]WRONG[/red]"
    failed = ", ".join(row.failed_checks) or "all checks pass"
    return f"{what:40} {verdict}  {escape(failed)}"


def _print_hls_summary(summary: HlsCheckSummary) -> None:
    print_malformed(summary.malformed)
    verdict = "[green]self-test passed[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.kernels} kernels: golden pass {summary.golden_pass}/{summary.kernels}; "
              f"bugs caught {summary.bugs_caught}/{summary.bugs} (pragma bugs by the static checker)  {verdict}")


def _check_assertion_suite(loaded: Suite, jobs: int, as_json: bool, quiet: bool) -> None:
    """Assertion tasks are proven by the open formal judge, not simulated."""
    _self_test(loaded.name, lambda folder, on_row, on_start: check_assertion_suite(
        loaded, folder, jobs, on_row=on_row, on_start=on_start), _assertion_row_line, _print_assertion_summary,
        as_json, quiet)


def _assertion_row_line(row: AssertionCheckRow) -> str:
    golden = "[green]proven[/green]" if row.golden == "proven" else f"[red]{row.golden}[/red]"
    problems = [f"vacuous: {', '.join(row.vacuous)}"] * bool(row.vacuous) + \
        [f"unsupported: {', '.join(row.unsupported)}"] * bool(row.unsupported) + \
        [f"survive: {', '.join(row.survivors)}"] * bool(row.survivors) + \
        [f"not shown different: {', '.join(row.not_different)}"] * bool(row.not_different)
    detail = f" [red]{escape('; '.join(problems))}[/red]" if problems else ""
    return (f"{row.task_id:24} golden {golden}  mutants killed {row.mutants - len(row.survivors)}/{row.mutants}, "
            f"different {row.mutants - len(row.not_different)}/{row.mutants}{detail}")


def _print_assertion_summary(summary: AssertionCheckSummary) -> None:
    constructs = summary.constructs
    out.print(f"lowering cross-checked against Verilator's SVA simulation: {constructs.agreed}/{constructs.constructs} "
              f"constructs agree" + (f" [red]{constructs.problem}[/red]" if constructs.problem else ""))
    for disagreement in constructs.disagreements:
        err.print(f"[red]disagreement:[/red] {escape(disagreement)}")
    print_malformed(summary.malformed)
    verdict = "[green]self-test passed[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.tasks} designs: golden proven and non-vacuous {summary.golden_proven}/{summary.tasks}, "
              f"mutants killed {summary.mutants_killed}/{summary.mutants}, shown different "
              f"{summary.mutants_different}/{summary.mutants} ({summary.judge})  {verdict}")


def _row_line(row: CheckRow) -> str:
    golden = "[green]pass[/green]" if row.golden_ok else f"[red]{row.golden.value}[/red] {escape(row.golden_message)}"
    stub = "[green]fails[/green]" if row.stub_ok else f"[red]{row.stub.value}[/red] {escape(row.stub_message)}"
    line = f"{row.task_id:28} {row.simulator:10} golden {golden:30}  stub {stub}"
    if row.given is None:
        return line
    given = ("[green]not better than itself[/green]" if row.given_ok
             else f"[red]{row.given.value}[/red] {escape(row.given_message)}")
    gain = f", {row.improvement:.1%} better" if row.improvement is not None else ""
    return f"{line}  reference {escape(row.equivalence) or 'not compared'}{gain}  given {given}"


def _print_summary(summary: CheckSummary) -> None:
    optimize = any(row.given is not None for row in summary.rows)
    columns = ["simulator", "tasks", "golden pass", "stub fail", *(["given not better"] if optimize else [])]
    table = Table(*columns, title=f"self-test of suite '{summary.suite}' ({summary.language})")
    for sim in summary.simulators:
        rows = [r for r in summary.rows if r.simulator == sim]
        given = [str(sum(r.given is not None and r.given_ok for r in rows))] if optimize else []
        table.add_row(sim, str(len(rows)), str(sum(r.golden_ok for r in rows)), str(sum(r.stub_ok for r in rows)),
                      *given)
    out.print(table)
    print_malformed(summary.malformed)
    passed = "all references pass and all stubs fail" + (
        ", no given design is better than itself" if any(r.given is not None for r in summary.rows) else "")
    verdict = f"[green]{passed}[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.tasks} tasks: golden pass {summary.golden_pass}/{summary.tasks}, "
              f"stub fail {summary.stub_fail}/{summary.tasks}  {verdict}")
