"""The ``rtlwb`` command line: few commands, good defaults, JSON for machines."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from workbench.cli.bench import bench_app, cache_app
from workbench.cli.dataset import dataset_app
from workbench.cli.generate import generate_command
from workbench.cli.importers import import_app
from workbench.cli.sva import sva_app
from workbench.cli.templates import templates_app
from workbench.curation.export import ExportError
from workbench.curation.ingest import IngestError
from workbench.curation.store import StoreError
from workbench.eval.executor import ExecutorError
from workbench.eval.selftest import (
    AssertionCheckRow,
    CheckRow,
    CheckSummary,
    HlsCheckRow,
    check_assertion_suite,
    check_hls_suite,
    check_suite,
)
from workbench.hls.csim import HlsSuite, is_hls_suite, load_hls_suite
from workbench.hls.csim import toolchain_problem as hls_toolchain_problem
from workbench.log.run import RunConflictError
from workbench.model import ModelError
from workbench.sandbox import SandboxUnavailable, allow_unsafe, isolation
from workbench.scorer import ScoreOptions, SimulatorNotAllowedError, score
from workbench.sim import SIMULATORS, UnknownSimulatorError
from workbench.solver.generate import GenerateError
from workbench.solver.prompt import PromptError
from workbench.solver.retrieval import RetrievalError, build_retriever
from workbench.solver.templates import TemplateError
from workbench.task.format import SpecLevel, TaskFormatError, TaskKind, describe_validation_error, json_schema
from workbench.task.suite import Suite, UnknownTaskError, find_task, load_suite, suite_folders

app = typer.Typer(help="RTL Workbench: LLM-assisted RTL generation and verification.",
                  no_args_is_help=True, add_completion=False)
tasks_app = typer.Typer(help="Browse benchmark tasks.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
app.add_typer(bench_app, name="bench")
app.add_typer(cache_app, name="cache")
app.add_typer(templates_app, name="templates")
app.command("generate")(generate_command)
app.add_typer(sva_app, name="sva")
app.add_typer(import_app, name="import")
app.add_typer(dataset_app, name="dataset")

out = Console()
err = Console(stderr=True)

SimOption = Annotated[list[str], typer.Option("--sim", "-s", help="icarus, verilator or all (repeatable)")]
JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON object on stdout")]


class _UsageError(Exception):
    pass


def _simulators(requested: list[str]) -> list[str]:
    names: list[str] = []
    for name in requested or ["icarus"]:
        for one in (list(SIMULATORS) if name == "all" else [name]):
            if one not in SIMULATORS:
                raise _UsageError(f"unknown simulator '{one}'; choose from: {', '.join(SIMULATORS)}, all")
            if one not in names:
                names.append(one)
    return names


def main() -> None:
    from dotenv import load_dotenv  # noqa: PLC0415 - only the console script reads ./.env, not importers of the CLI

    load_dotenv(override=False)  # keys and base URLs may live in ./.env; they are never logged
    try:
        app()
    except (_UsageError, TaskFormatError, UnknownTaskError, UnknownSimulatorError, ModelError, PromptError,
            RunConflictError, FileNotFoundError, TemplateError, GenerateError, RetrievalError,
            ValidationError, IngestError, StoreError, ExportError, ExecutorError, SandboxUnavailable,
            SimulatorNotAllowedError) as problem:
        message = describe_validation_error(problem) if isinstance(problem, ValidationError) else str(problem)
        err.print(f"[red]error:[/red] {escape(message)}")
        sys.exit(2)


@app.callback()
def _options(unsafe_no_sandbox: Annotated[bool, typer.Option(
        "--unsafe-no-sandbox", help="run untrusted answers without bubblewrap (only rlimits); every result "
                                    "says so. Also RTLWB_UNSAFE_NO_SANDBOX=1")] = False) -> None:
    if unsafe_no_sandbox:
        allow_unsafe()


@app.command()
def doctor(as_json: JsonOption = False) -> None:
    """Check every tool: its version and whether it really builds and simulates."""
    from workbench.eval.toolchain import all_required_ok, run_checks  # noqa: PLC0415 - loads every tool's module

    with err.status("checking the toolchain (the first Yosys run compiles for ~40 s)..."):
        checks = run_checks()
    if as_json:
        print(json.dumps({"ok": all_required_ok(checks), "checks": [c.__dict__ for c in checks]}, indent=2))
    else:
        table = Table("tool", "version", "status", "detail / fix")
        for check in checks:
            missing = "[red]MISSING[/red]" if check.required else "[yellow]missing[/yellow]"
            detail = check.detail if check.ok else check.hint or check.detail
            status = "[green]ok[/green]" if check.ok else missing
            table.add_row(check.name, escape(check.version), status, escape(detail))
        out.print(table)
        out.print("required tools ok" if all_required_ok(checks) else "[red]a required tool is missing[/red]")
    raise typer.Exit(0 if all_required_ok(checks) else 1)


@tasks_app.command("list")
def tasks_list(suite: Annotated[str | None, typer.Option(help="only this suite")] = None,
               as_json: JsonOption = False) -> None:
    """List tasks with kind, category and difficulty."""
    suites = [load_suite(suite)] if suite else [load_suite(name) for name in suite_folders()]
    rows = [t for s in suites for t in s.tasks]
    if as_json:
        print(json.dumps([{"suite": t.suite, "id": t.id, "kind": t.config.kind, "category": t.config.category,
                           "difficulty": t.config.difficulty, "top": t.config.top} for t in rows], indent=2))
        return
    table = Table("suite", "id", "kind", "category", "difficulty", "simulators")
    for t in rows:
        runs_on = "g++" if t.config.kind == TaskKind.HLS_DEBUG else ",".join(t.config.simulators)
        table.add_row(t.suite, t.id, t.config.kind, t.config.category, t.config.difficulty, runs_on)
    out.print(table)
    for s in suites:
        for problem in s.problems:
            err.print(f"[red]malformed task:[/red] {escape(str(problem))}")


@tasks_app.command("show")
def tasks_show(task_id: str,
               level: Annotated[SpecLevel, typer.Option(help="spec detail")] = SpecLevel.DETAILED) -> None:
    """Show a task's interface and specification."""
    task = find_task(task_id)
    c = task.config
    out.print(f"[bold]{task.suite}/{task.id}[/bold]  {c.kind} · {c.category} · {c.difficulty}  top: {c.top}")
    if c.ports:
        table = Table("port", "dir", "width", "signed", "description")
        for p in c.ports:
            table.add_row(p.name, p.direction, str(p.width), "yes" if p.signed else "", escape(p.description))
        out.print(table)
    if c.kind == TaskKind.HLS_DEBUG:
        out.print(f"bug: {', '.join(c.tags)} (buggy {task.folder / Path(c.reference).name})")
    if c.clock:
        out.print(f"clock {c.clock.name} ({c.clock.period_ns} ns, {c.clock.edge})")
    if c.reset:
        out.print(f"reset {c.reset.name} (active {'low' if c.reset.active_low else 'high'}, "
                  f"{'synchronous' if c.reset.synchronous else 'asynchronous'})")
    out.print()
    out.print(escape(task.spec.text(level)))


@tasks_app.command("export-prompts")
def tasks_export_prompts(
    suite: Annotated[str, typer.Option(help="suite name or folder")],
    form: Annotated[str, typer.Option("--format", help="verilog-eval ({task_id, prompt}), cvdp ({id, prompt}) or "
                                                       "replay ({task_id, messages}: our rendered chat)")] = "replay",
) -> None:
    """Print a suite's prompts as JSONL in a public suite's interchange format, for tools that
    generate completions elsewhere (read them back with --model replay/FILE)."""
    from workbench.importers.interop import export_prompts  # noqa: PLC0415 - the importers, for this command alone

    if form not in ("verilog-eval", "cvdp", "replay"):
        err.print(f"[red]error:[/red] unknown format '{escape(form)}' (verilog-eval, cvdp or replay)")
        raise typer.Exit(2)
    try:
        records = export_prompts(load_suite(suite).tasks, form)
    except (TaskFormatError, UnknownTaskError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    for record in records:
        print(json.dumps(record))


@tasks_app.command("schema")
def tasks_schema() -> None:
    """Print the JSON schema of task.toml."""
    print(json.dumps(json_schema(), indent=2))


@app.command("score")
def score_command(
    task: Annotated[str, typer.Option("--task", "-t", help="task id (or suite/id); an nl2sva task: "
                                                          "ASSERTION_TASK.PROPERTY")],
    candidate: Annotated[Path, typer.Option("--candidate", "-c", help="model answer or HDL file ('-' for stdin)")],
    sim: Annotated[str | None, typer.Option("--sim", "-s", help="icarus or verilator (default: the task's first; "
                                                                "formal and HLS tasks run no HDL simulator)")] = None,
    seed: Annotated[int | None, typer.Option(help="random seed for the testbench")] = None,
    waves: Annotated[bool, typer.Option(help="record waveforms in the artefact folder")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score one candidate against one task."""
    isolation()  # refuses here, before any work, when untrusted code cannot be sandboxed
    loaded = find_task(task)
    text = sys.stdin.read() if str(candidate) == "-" else _read_candidate(candidate)
    options = ScoreOptions(sim=_simulators([sim])[0] if sim else None, seed=seed, waves=waves, keep_build=waves)
    result = score(loaded, text, options=options)
    if as_json:
        print(result.model_dump_json(indent=2))
    else:
        colour = "green" if result.passed else "red"
        out.print(f"[{colour}]{result.status.value}[/{colour}]  {escape(result.summary())}")
        if result.diagnostics and not result.passed:
            out.print(escape(result.diagnostics))
        out.print(f"artefacts: {result.artefacts}" if result.artefacts else "")
    raise typer.Exit(0 if result.passed else 1)


def _read_candidate(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError as problem:
        raise _UsageError(f"{path}: cannot read the candidate ({problem.strerror})") from None


@app.command()
def retrieve(
    query: Annotated[str, typer.Argument(help="what to look for, or @FILE to read it from a file")],
    k: Annotated[int, typer.Option("-k", help="number of hits")] = 5,
    corpus: Annotated[list[str] | None, typer.Option(
        "--corpus", help="also search this folder of .v/.sv files or dataset (.jsonl, .parquet, save_to_disk "
                         "folder); PATH:code=COL,description=COL picks a dataset's columns (repeatable)")] = None,
    embeddings: Annotated[str | None, typer.Option(
        "--embeddings", help="dense ranking too, fused with BM25: PROVIDER/MODEL[@URL] of an OpenAI-compatible "
                             "embeddings endpoint (openai/, vllm/, ollama/, llamacpp/, openai-compatible/)")] = None,
    no_bm25: Annotated[bool, typer.Option("--no-bm25", help="dense ranking alone (needs --embeddings)")] = False,
    show_code: Annotated[bool, typer.Option("--code", help="print each hit's design")] = False,
) -> None:
    """Search the corpus (template library, suites, your own) by description: BM25, dense, or both fused."""
    text = _read_candidate(Path(query[1:])) if query.startswith("@") else query
    retriever = build_retriever(corpus or (), embeddings=embeddings, lexical=not no_bm25)
    hits = retriever.search(text, k=k)
    fused = len(retriever.rankers) > 1
    table = Table("rank", "rrf score" if fused else "score", "found by", "source", "module")
    for rank, hit in enumerate(hits, start=1):
        found_by = ", ".join(f"{name} {score:.3f}" for name, score in hit.scores.items())
        table.add_row(str(rank), f"{hit.score:.4f}" if fused else f"{hit.score:.3f}", found_by,
                      escape(hit.source), escape(hit.top or "-"))
    out.print(table)
    if show_code:
        for hit in hits:
            out.rule(hit.source)
            out.print(escape(hit.code))


@app.command()
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
    simulators = _simulators(sim)
    if task:
        unknown = set(task) - {t.id for t in loaded.tasks}
        if unknown:
            raise _UsageError(f"no task {', '.join(sorted(unknown))} in suite {loaded.name}")
        loaded.tasks = [t for t in loaded.tasks if t.id in task]
        loaded.problems = [p for p in loaded.problems if any(f"/{t}/" in str(p) for t in task)]
    if any(t.config.kind == TaskKind.ASSERTION for t in loaded.tasks):
        _check_assertion_suite(loaded, jobs, as_json)
    progress = None if as_json else _print_row
    summary = check_suite(loaded, simulators, jobs=jobs, on_row=progress, language=lang)
    if as_json:
        print(summary.model_dump_json(indent=2))
    else:
        _print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _check_hls_suite(hls: HlsSuite, only: list[str] | None, jobs: int, as_json: bool) -> None:
    """HLS kernels are judged by C simulation and the static pragma checker, not by an HDL simulator."""
    problem = hls_toolchain_problem()
    if problem:
        raise _UsageError(problem)
    if only:
        unknown = set(only) - {k.name for k in hls.kernels} - {b.id for b in hls.bugs}
        if unknown:
            raise _UsageError(f"no kernel or bug {', '.join(sorted(unknown))} in suite {hls.name}")
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


if __name__ == "__main__":
    main()
