"""``rtlwb check``: the golden self-test of a suite (references pass, stubs and mutants fail)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, SimOption, UsageError, err, out, simulators
from workbench.eval.selftest import (
    AssertionCheckRow,
    CheckRow,
    CheckSummary,
    HlsCheckRow,
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
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="parallel scorings")] = os.cpu_count() or 2,
    lang: Annotated[str, typer.Option(
        "--lang", help="systemverilog, or chisel (the tasks with Chisel references)")] = "systemverilog",
    as_json: JsonOption = False,
) -> None:
    """Golden self-test: each reference must pass and each port-only stub must fail."""
    isolation()
    loaded = load_suite(suite)
    if is_hls_suite(loaded.folder):
        _check_hls_suite(load_hls_suite(loaded.folder), task, jobs, as_json)
    names = simulators(sim)
    if task:
        unknown = set(task) - {t.id for t in loaded.tasks}
        if unknown:
            raise UsageError(f"no task {', '.join(sorted(unknown))} in suite {loaded.name}")
        loaded.tasks = [t for t in loaded.tasks if t.id in task]
        loaded.problems = [p for p in loaded.problems if any(f"/{t}/" in str(p) for t in task)]
    if any(t.config.kind == TaskKind.ASSERTION for t in loaded.tasks):
        _check_assertion_suite(loaded, jobs, as_json)
    progress = None if as_json else _print_row
    summary = check_suite(loaded, names, jobs=jobs, on_row=progress, language=lang)
    if as_json:
        print(summary.model_dump_json(indent=2))
    else:
        _print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _check_hls_suite(hls: HlsSuite, only: list[str] | None, jobs: int, as_json: bool) -> None:
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
    with tempfile.TemporaryDirectory(prefix="rtlwb-check-") as folder:
        summary = check_hls_suite(hls, Path(folder), jobs, None if as_json else _print_hls_row)
    if as_json:
        print(json.dumps({**summary.model_dump(), "ok": summary.ok}, indent=2))
        raise typer.Exit(0 if summary.ok else 1)
    for problem in summary.malformed:
        err.print(f"[red]malformed:[/red] {escape(problem)}")
    verdict = "[green]self-test passed[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.kernels} kernels: golden pass {summary.golden_pass}/{summary.kernels}; "
              f"bugs caught {summary.bugs_caught}/{summary.bugs} (pragma bugs by the static checker)  {verdict}")
    raise typer.Exit(0 if summary.ok else 1)


def _print_hls_row(row: HlsCheckRow) -> None:
    what = row.bug or f"{row.kernel} (golden)"
    verdict = "[green]ok[/green]" if row.ok else "[red]WRONG[/red]"
    failed = ", ".join(row.failed_checks) or "all checks pass"
    out.print(f"{what:40} {verdict}  {escape(failed)}")


def _check_assertion_suite(loaded: Suite, jobs: int, as_json: bool) -> None:
    """Assertion tasks are proven by the open formal judge, not simulated."""
    with tempfile.TemporaryDirectory(prefix="rtlwb-check-") as folder:
        summary = check_assertion_suite(loaded, Path(folder), jobs, None if as_json else _print_assertion_row)
    if as_json:
        print(json.dumps({**summary.model_dump(), "ok": summary.ok}, indent=2))
        raise typer.Exit(0 if summary.ok else 1)
    constructs = summary.constructs
    out.print(f"lowering cross-checked against Verilator's SVA simulation: {constructs.agreed}/{constructs.constructs} "
              f"constructs agree" + (f" [red]{constructs.problem}[/red]" if constructs.problem else ""))
    for disagreement in constructs.disagreements:
        err.print(f"[red]disagreement:[/red] {escape(disagreement)}")
    for problem in summary.malformed:
        err.print(f"[red]malformed task:[/red] {escape(problem)}")
    verdict = "[green]self-test passed[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.tasks} designs: golden proven and non-vacuous {summary.golden_proven}/{summary.tasks}, "
              f"mutants killed {summary.mutants_killed}/{summary.mutants}, shown different "
              f"{summary.mutants_different}/{summary.mutants} ({summary.judge})  {verdict}")
    raise typer.Exit(0 if summary.ok else 1)


def _print_assertion_row(row: AssertionCheckRow) -> None:
    golden = "[green]proven[/green]" if row.golden == "proven" else f"[red]{row.golden}[/red]"
    problems = [f"vacuous: {', '.join(row.vacuous)}"] * bool(row.vacuous) + \
        [f"unsupported: {', '.join(row.unsupported)}"] * bool(row.unsupported) + \
        [f"survive: {', '.join(row.survivors)}"] * bool(row.survivors) + \
        [f"not shown different: {', '.join(row.not_different)}"] * bool(row.not_different)
    detail = f" [red]{escape('; '.join(problems))}[/red]" if problems else ""
    out.print(f"{row.task:24} golden {golden}  mutants killed {row.mutants - len(row.survivors)}/{row.mutants}, "
              f"different {row.mutants - len(row.not_different)}/{row.mutants}{detail}")


def _print_row(row: CheckRow) -> None:
    golden = "[green]pass[/green]" if row.golden_ok else f"[red]{row.golden.value}[/red] {escape(row.golden_message)}"
    stub = "[green]fails[/green]" if row.stub_ok else f"[red]{row.stub.value}[/red] {escape(row.stub_message)}"
    out.print(f"{row.task:28} {row.simulator:10} golden {golden:30}  stub {stub}")


def _print_summary(summary: CheckSummary) -> None:
    table = Table("simulator", "tasks", "golden pass", "stub fail",
                  title=f"self-test of suite '{summary.suite}' ({summary.language})")
    for sim in summary.simulators:
        rows = [r for r in summary.rows if r.simulator == sim]
        table.add_row(sim, str(len(rows)), str(sum(r.golden_ok for r in rows)), str(sum(r.stub_ok for r in rows)))
    out.print(table)
    for problem in summary.malformed:
        err.print(f"[red]malformed task:[/red] {escape(problem)}")
    verdict = "[green]all references pass and all stubs fail[/green]" if summary.ok else "[red]self-test FAILED[/red]"
    out.print(f"{summary.tasks} tasks: golden pass {summary.golden_pass}/{summary.tasks}, "
              f"stub fail {summary.stub_fail}/{summary.tasks}  {verdict}")
