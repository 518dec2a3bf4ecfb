"""``rtlwb bench`` and ``rtlwb cache``: benchmark runs, reports and the response cache."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench._secrets import redact
from workbench.cli._common import QuietOption, err, out, response_cache_path
from workbench.cli._progress import Progress
from workbench.cli.score import EquivalenceSwitch, SynthesisSwitch, switched
from workbench.eval.bench import Bench, BenchProgress, BenchStats, replay_selection
from workbench.log.run import ModelSettings, RunConfig, ScoringSettings, Selection, SolverSettings
from workbench.model import ChatOptions, GenerateConfig, ReplayModel, ResponseCache, get_model
from workbench.report.metrics import PassAtK, Summary
from workbench.report.render import (
    equivalence_line,
    formal_line,
    hls_line,
    html_report,
    load_runs,
    markdown,
    optimize_line,
    synthesis_line,
)
from workbench.report.results import RESULTS_FILE, report_results
from workbench.sandbox import isolation
from workbench.task.format import SpecLevel

bench_app = typer.Typer(help="Benchmark models on suites: generate, evaluate, report.", no_args_is_help=True)
cache_app = typer.Typer(help="The model response cache.", no_args_is_help=True)


# The options of `bench run`, by the part of the configuration they make (see RunConfig): typer needs them
# flat, each group is built by one function below.

# selection: which tasks, how many samples, which k
Suites = Annotated[list[str] | None, typer.Option("--suite", help="suite (repeatable)")]
Tasks = Annotated[list[str] | None, typer.Option("--task", "-t", help="only these tasks (repeatable)")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="only the first N tasks (suites in the order given, "
                                           "tasks in the order `rtlwb tasks list` shows)")]
Samples = Annotated[int, typer.Option("-n", min=1, help="samples per task")]
Ks = Annotated[list[int] | None, typer.Option("-k", min=1, help="k of pass@k (repeatable, k <= n)")]
SkipMalformed = Annotated[bool, typer.Option("--skip-malformed", help="leave out the suites' malformed tasks (named "
                                             "on stderr); without it they make the run incomplete")]

# model: which one and how it samples (and, not in the run's configuration, how it is reached)
ModelName = Annotated[str, typer.Option("--model", "-m", help="reference, retrieval, replay/FILE, openai/M, "
                                        "openai-compatible/M, vllm/M, ollama/M, llamacpp/M, anthropic/M")]
Temperature = Annotated[float, typer.Option()]
TopP = Annotated[float | None, typer.Option("--top-p")]
MaxTokens = Annotated[int, typer.Option("--max-tokens", min=1)]
Seed = Annotated[int | None, typer.Option(help="generation seed (sample i uses seed + i)")]
BaseUrl = Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL")]
Concurrency = Annotated[int, typer.Option(min=1, help="parallel requests per endpoint")]
Timeout = Annotated[float, typer.Option(help="seconds per model request")]
Retries = Annotated[int, typer.Option(min=1, help="attempts per request on rate limits and transient errors")]
Budget = Annotated[float, typer.Option("--budget", help="seconds per sample for its requests and the waits between "
                                       "retries")]
PriceIn = Annotated[float | None, typer.Option("--price-in", help="USD per million input tokens")]
PriceOut = Annotated[float | None, typer.Option("--price-out", help="USD per million output tokens")]

# solver: how each task is posed and answered
Pipeline = Annotated[str, typer.Option(help="direct, rag (retrieved designs in the prompt), repair, rag+repair")]
Level = Annotated[SpecLevel, typer.Option("--spec-level")]
FewShot = Annotated[int, typer.Option("--few-shot", min=0, help="examples from other tasks in the prompt")]
Kind = Annotated[str, typer.Option("--kind", help="suites of assertion tasks: assertion (write properties for the "
                                   "design) or nl2sva (one property per natural-language statement)")]
Language = Annotated[str, typer.Option("--lang", help="answer language: systemverilog, verilog or chisel")]
Translate = Annotated[bool, typer.Option("--translate", help="with --lang chisel: translate the reference "
                                         "Verilog instead of implementing the spec")]
RagK = Annotated[int, typer.Option("--rag-k", min=1, help="designs retrieved for rag")]
Corpus = Annotated[list[str] | None, typer.Option("--corpus", help="extra rag corpus: HDL folder or dataset "
                                                  "(repeatable; see docs/retrieval.md)")]
Embeddings = Annotated[str | None, typer.Option("--embeddings", help="dense rag ranking with this embeddings "
                                                "provider, fused with BM25 (e.g. ollama/nomic-embed-text)")]
RepairRounds = Annotated[int, typer.Option("--repair-rounds", min=0, help="repair attempts after the first answer")]
RepairFeedback = Annotated[str, typer.Option("--repair-feedback", help="tools (lint, compiler and visible tests "
                                             "only) or oracle (the grading testbench; labelled)")]

# scoring: the simulator (in the configuration), and where scoring runs (not in it)
Simulator = Annotated[str, typer.Option("--sim", "-s")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="scoring processes (local and dask-local executors)")]
ExecutorSpec = Annotated[str, typer.Option("--executor", help="where scoring runs: local (a process pool of --jobs "
                                           "processes), dask-local (a Dask LocalCluster of --jobs workers) or "
                                           "dask://HOST:PORT (a running Dask scheduler's workers, e.g. on SLURM or "
                                           "LSF; see docs/cluster.md)")]
Batch = Annotated[int, typer.Option("--batch", min=1, help="candidates of one task per simulator process "
                                    "(1: one by one)")]

# the run folder and the output
RunId = Annotated[str | None, typer.Option("--run-id", help="default: derived from the configuration")]
RunsDir = Annotated[Path, typer.Option("--runs-dir", help="where run folders go")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="do not read or write the response cache")]
AsJson = Annotated[bool, typer.Option("--json", help="print a JSON summary on stdout (progress stays on stderr)")]

CPUS = os.cpu_count() or 2  # the default of --jobs


@bench_app.command("run")
@bench_app.command("generate")
def bench_run(
    ctx: typer.Context,
    suite: Suites = None,
    model: ModelName = "reference",
    n: Samples = 1,
    k: Ks = None,
    task: Tasks = None,
    limit: Limit = None,
    skip_malformed: SkipMalformed = False,
    sim: Simulator = "icarus",
    spec_level: Level = SpecLevel.DETAILED,
    few_shot: FewShot = 0,
    pipeline: Pipeline = "direct",
    kind: Kind = "assertion",
    lang: Language = "systemverilog",
    translate: Translate = False,
    rag_k: RagK = 2,
    corpus: Corpus = None,
    embeddings: Embeddings = None,
    repair_rounds: RepairRounds = 3,
    repair_feedback: RepairFeedback = "tools",
    temperature: Temperature = 0.2,
    top_p: TopP = None,
    max_tokens: MaxTokens = 4096,
    seed: Seed = None,
    base_url: BaseUrl = None,
    concurrency: Concurrency = 4,
    timeout: Timeout = 120.0,
    retries: Retries = 6,
    budget: Budget = 600.0,
    price_in: PriceIn = None,
    price_out: PriceOut = None,
    run_id: RunId = None,
    runs_dir: RunsDir = Path("runs"),
    jobs: Jobs = CPUS,
    executor: ExecutorSpec = "local",
    batch: Batch = 16,
    equiv: EquivalenceSwitch = None,
    synth: SynthesisSwitch = None,
    no_cache: NoCache = False,
    as_json: AsJson = False,
    quiet: QuietOption = False,
) -> None:
    """Generate completions for every task and sample (`generate`), and score them as they come (`run`)."""
    config = RunConfig(selection=_selection(suite, task, limit, n, k),
                       model=_model_settings(model, base_url, temperature, top_p, max_tokens, seed),
                       solver=_solver_settings(pipeline, spec_level, few_shot, lang, translate, kind, repair_rounds,
                                               repair_feedback, rag_k, corpus, embeddings),
                       scoring=ScoringSettings(simulator=sim))
    options = _chat_options(concurrency, timeout, retries, budget, price_in, price_out)
    chosen = get_model(model, base_url=base_url, options=options)
    cache = None if no_cache else response_cache_path()
    _execute(config, chosen, ctx.info_name or "run", run_id, runs_dir, cache, Output(as_json, quiet), concurrency,
             Scoring(jobs, executor, batch, switched(equiv), switched(synth)), skip_malformed)


def _selection(suites: list[str] | None, tasks: list[str] | None, limit: int | None, n: int,
               k: list[int] | None) -> Selection:
    return Selection(suites=suites or ["accel"], tasks=tasks or None, limit=limit, n=n, k=_ks(k, n))


def _ks(k: list[int] | None, n: int, whose_n: str = "n") -> list[int]:
    """The k of pass@k, each checked against the samples per task before anything runs."""
    ks = sorted(set(k or [1]))
    if max(ks) > n:
        raise typer.BadParameter(f"every k must be <= {whose_n} (n={n}, k={ks})", param_hint="'-k'")
    return ks


def _model_settings(model: str, base_url: str | None, temperature: float, top_p: float | None, max_tokens: int,
                    seed: int | None) -> ModelSettings:
    return ModelSettings(name=model, base_url=base_url, seed=seed,
                         generation=GenerateConfig(temperature=temperature, top_p=top_p, max_tokens=max_tokens))


def _chat_options(concurrency: int, timeout: float, retries: int, budget: float, price_in: float | None,
                  price_out: float | None) -> ChatOptions:
    """How the model is reached: never part of the run's configuration (it changes no answer)."""
    return ChatOptions(timeout_s=timeout, max_attempts=retries, budget_s=budget, concurrency=concurrency,
                       price_input_per_mtok=price_in, price_output_per_mtok=price_out)


def _solver_settings(pipeline: str, spec_level: SpecLevel, few_shot: int, language: str, translate: bool, kind: str,
                     repair_rounds: int, repair_feedback: str, rag_k: int, corpus: list[str] | None,
                     embeddings: str | None) -> SolverSettings:
    return SolverSettings(pipeline=pipeline, spec_level=spec_level, few_shot=few_shot, language=language,
                          translate=translate, kind=kind, repair_rounds=repair_rounds, repair_feedback=repair_feedback,
                          rag_k=rag_k, rag_corpus=corpus or [], rag_embeddings=embeddings)


@bench_app.command("evaluate")
def bench_evaluate(
    completions: Annotated[Path, typer.Argument(help="JSONL of {task_id, sample, completion}")],
    suite: Suites = None,
    k: Ks = None,
    skip_malformed: SkipMalformed = False,
    sim: Simulator = "icarus",
    kind: Kind = "assertion",
    run_id: Annotated[str | None, typer.Option("--run-id")] = None,
    runs_dir: RunsDir = Path("runs"),
    jobs: Jobs = CPUS,
    executor: ExecutorSpec = "local",
    batch: Batch = 16,
    equiv: EquivalenceSwitch = None,
    synth: SynthesisSwitch = None,
    as_json: AsJson = False,
    quiet: QuietOption = False,
) -> None:
    """Score a completions file produced elsewhere (or by `rtlwb bench generate`): the tasks its lines
    name, by our ids or the suite's own; n is the most samples one task has in the file."""
    replay = ReplayModel(completions)
    selection = replay_selection(replay, suite or ["accel"], kind)
    selection = selection.model_copy(update={"k": _ks(k, selection.n, f"the samples per task in {completions}")})
    config = RunConfig(selection=selection, model=ModelSettings(name=replay.name), solver=SolverSettings(kind=kind),
                       scoring=ScoringSettings(simulator=sim))
    _execute(config, replay, "evaluate", run_id, runs_dir, None, Output(as_json, quiet), 1,
             Scoring(jobs, executor, batch, switched(equiv), switched(synth)), skip_malformed)


@dataclass(frozen=True)
class Scoring:
    """Where and how scoring runs, and whether passes get the equivalence check (which adds a
    verdict and changes none): none of it is in the run id, so a run can be given the check later."""

    jobs: int
    executor: str
    batch: int
    equivalence: bool | None  # None: the default (the accel suite's tasks)
    synthesis: bool | None  # None: the default (the accel suite's tasks)


@dataclass(frozen=True)
class Output:
    """What the command prints: a JSON summary or tables on stdout; progress on stderr unless quiet."""

    as_json: bool
    quiet: bool


# Exit codes of bench commands: complete, incomplete (re-run to resume), and a model that cannot answer.
EXIT_INCOMPLETE = 1
EXIT_MODEL_UNUSABLE = 3


def _execute(config: RunConfig, model, stage: str, run_id: str | None, runs_dir: Path, cache_path: Path | None,
             output: Output, concurrency: int, scoring: Scoring, skip_malformed: bool) -> None:
    if stage != "generate":
        isolation()  # refuses before any model call when answers could not be scored in a sandbox
    cache = ResponseCache(cache_path) if cache_path else None
    with Progress(enabled=not output.quiet) as progress:
        display = _BenchDisplay(progress)
        bench = Bench(config, model, runs_dir, run_id=run_id, cache=cache, jobs=scoring.jobs,
                      generation_jobs=concurrency, progress=display, executor=scoring.executor, batch=scoring.batch,
                      equivalence=scoring.equivalence, skip_malformed=skip_malformed, synthesis=scoring.synthesis)
        display.stats = bench.stats
        if stage == "generate":
            bench.generate()
        else:
            bench.run()
    summary = bench.summary()
    if output.as_json:
        print(json.dumps(_json_summary(bench, summary, stage), indent=2))
    else:
        _print_summary(bench, summary, stage)
    _print_input_problems(bench)
    if bench.stats.fatal_error:
        err.print(f"[red]error:[/red] {escape(bench.stats.fatal_error)}")
        raise typer.Exit(EXIT_MODEL_UNUSABLE)
    incomplete = (bench.stats.generation_errors or (stage != "generate" and not summary.complete)
                  or (bench.malformed and not bench.skip_malformed))
    raise typer.Exit(EXIT_INCOMPLETE if incomplete else 0)


def _print_input_problems(bench: Bench) -> None:
    """What of the input the run could not use: the suites' malformed tasks (each with its file
    and why) and the replay's lines that match no task; on stderr, with --json too."""
    label = "[yellow]skipped malformed task[/yellow]" if bench.skip_malformed else "[red]malformed task[/red]"
    for task in bench.malformed:
        err.print(f"{label} {escape(task.key)}: {escape(str(task))}")
    if bench.malformed and not bench.skip_malformed:
        err.print(f"[red]run incomplete:[/red] {len(bench.malformed)} malformed tasks have no samples (fix them, or "
                  "leave them out with --skip-malformed)")
    for line in bench.replay_unmatched[:_LISTED]:
        err.print(f"[yellow]replay line matches no task:[/yellow] {escape(line)}")
    if len(bench.replay_unmatched) > _LISTED:
        err.print(f"[yellow]replay lines matching no task:[/yellow] {len(bench.replay_unmatched) - _LISTED} more "
                  "(all in --json)")


_STAGE_LABELS = {"generate": "generated", "score": "scored", "equivalence": "equivalence checked",
                 "synthesis": "synthesised"}


class _BenchDisplay(BenchProgress):
    """A run's progress as tracks per stage and suite, with passes, model errors, tokens and cost so far."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.stats: BenchStats | None = None
        self._tracks: dict[tuple[str, str], int] = {}
        self._statuses: dict[tuple[str, str], Counter[str]] = {}

    def planned(self, stage: str, suite: str, total: int, done: int) -> None:
        key = (stage, suite)
        if key not in self._tracks:
            self._tracks[key] = self.progress.add(f"{_STAGE_LABELS[stage]} {suite}", total)
            self._statuses[key] = Counter()
        self.progress.advance(self._tracks[key], done)

    def queued(self, stage: str, suite: str) -> None:
        key = (stage, suite)
        self.planned(stage, suite, 0, 0)
        self._statuses[key]["queued"] += 1
        self.progress.set_total(self._tracks[key], self._statuses[key]["queued"])

    def advanced(self, stage: str, suite: str, status: str | None = None) -> None:
        key = (stage, suite)
        counts = self._statuses[key]
        if status is not None:
            counts[status] += 1
        shown = {"score": [f"{counts['pass']} passed"], "equivalence": [f"{counts['different']} different"]}.get(
            stage, [])
        if counts["model_error"]:
            shown.append(f"{counts['model_error']} model errors")
        self.progress.advance(self._tracks[key], status=", ".join(shown))
        if stage == "generate" and self.stats is not None and self.stats.model_calls:
            self.progress.footer(usage_line(self.stats))

    def note(self, message: str) -> None:
        self.progress.note(message)


def usage_line(stats: BenchStats) -> str:
    """Tokens and cost of the answers this command generated (cached answers cost nothing again)."""
    cost = f"${stats.cost_usd:.4f}" if stats.cost_usd else "cost unknown (give --price-in/--price-out)"
    return (f"tokens {stats.input_tokens:,} in, {stats.output_tokens:,} out; {cost}; model calls {stats.model_calls}, "
            f"cache hits {stats.cache_hits}")


def _json_summary(bench: Bench, summary: Summary, stage: str) -> dict:
    stats: BenchStats = bench.stats
    return {
        "run_id": bench.run_id,
        "run_dir": str(bench.log.folder),
        "results_file": str(bench.log.folder / RESULTS_FILE),
        "model": bench.config.model.name,
        "stage": stage,
        "n": bench.config.selection.n,
        "k": bench.config.selection.k,
        "pass_at_k": _pass_at_k(summary.pass_at_k),
        "pass_at_k_with_errata": _pass_at_k(summary.pass_at_k_with_errata) if summary.pass_at_k_with_errata else None,
        "pass_at_k_equivalent": (_pass_at_k(summary.pass_at_k_equivalent) if summary.pass_at_k_equivalent is not None
                                 else None),
        "equivalence": summary.equivalence.model_dump() if summary.equivalence else None,
        "synthesis": summary.synthesis.model_dump() if summary.synthesis else None,
        "optimize": summary.optimize.model_dump() if summary.optimize else None,
        "errata_excluded": summary.errata_excluded,
        "pass_at_k_by_suite": {b.group: {str(k): v for k, v in b.pass_at_k.items()} for b in summary.by_suite},
        "status_counts": summary.status_counts,
        "failure_kinds": summary.failure_kinds,
        "compile_rate": summary.compile_rate,
        "model_calls": stats.model_calls,
        "cache_hits": stats.cache_hits,
        "input_tokens": stats.input_tokens,
        "output_tokens": stats.output_tokens,
        "cost_usd": stats.cost_usd,
        "completions_reused": stats.completions_reused,
        "scorings": stats.scorings,
        "verdicts_shared": stats.verdicts_shared,
        "equivalence_checks": stats.equivalence_checks,
        "syntheses": stats.syntheses,
        "samples_reused": stats.samples_reused,
        "generation_errors": stats.generation_errors,
        "fatal_error": stats.fatal_error,
        "scoring_errors": stats.scoring_errors,
        "workers_excluded": stats.workers_excluded,
        "formal": summary.formal.model_dump() if summary.formal else None,
        "hls": summary.hls.model_dump() if summary.hls else None,
        "complete": summary.complete and not stats.generation_errors,
        "incomplete_tasks": summary.incomplete_tasks,
        "missing_tasks": summary.missing_tasks,
        "malformed_tasks": [{"task": task.key, "problem": str(task)} for task in bench.malformed],
        "malformed_skipped": bench.skip_malformed,
        "replay_unmatched": bench.replay_unmatched,
    }


def _pass_at_k(figures: list[PassAtK]) -> dict:
    return {str(p.k): {"value": p.value, "ci95": [p.low, p.high], "tasks": p.tasks} for p in figures}


def _print_summary(bench: Bench, summary: Summary, stage: str) -> None:
    stats = bench.stats
    out.print(f"run [bold]{bench.run_id}[/bold] in {bench.log.folder}")
    out.print(f"completions reused {stats.completions_reused}, scorings {stats.scorings}, verdicts shared "
              f"{stats.verdicts_shared}, samples reused {stats.samples_reused}"
              + (f", equivalence checks {stats.equivalence_checks}" if stats.equivalence_checks else "")
              + (f", syntheses {stats.syntheses}" if stats.syntheses else ""))
    if bench.model.calls_network:
        out.print(usage_line(stats))
    if stage == "generate":
        return
    if summary.samples:
        _print_scores(bench, summary)
    else:
        out.print("no sample scored")
    _print_problems(bench, summary)
    out.print(f"results: {bench.log.folder / RESULTS_FILE}")


def _print_scores(bench: Bench, summary: Summary) -> None:
    extra = {"with errata %": summary.pass_at_k_with_errata, "sim + equivalent %": summary.pass_at_k_equivalent}
    shown = {name: {figure.k: figure for figure in figures} for name, figures in extra.items() if figures}
    columns = ["k", "pass@k %", "95% CI", "tasks"] + [c for name in shown for c in (name, "95% CI", "tasks")]
    table = Table(*columns, title=f"{bench.config.model.name} on {', '.join(bench.config.selection.suites)}"
                  + (" (as published | with errata)" if summary.pass_at_k_with_errata else ""))
    for p in summary.pass_at_k:
        cells = [str(p.k), *_figure_cells(p)]
        for figures in shown.values():
            cells += _figure_cells(figures[p.k]) if p.k in figures else ["-", "-", "-"]
        table.add_row(*cells)
    out.print(table)
    if summary.pass_at_k_with_errata:
        out.print(f"with errata: {summary.errata_excluded} tasks excluded by the suites' errata.toml")
    out.print("verdicts: " + ", ".join(f"{s} {c}" for s, c in summary.status_counts.items()))
    if summary.equivalence:
        out.print(equivalence_line(summary.equivalence))
    if summary.synthesis:
        out.print(synthesis_line(summary.synthesis))
    if summary.optimize:
        out.print(optimize_line(summary.optimize))
    if summary.formal:
        out.print(formal_line(summary.formal))
    if summary.hls:
        out.print(hls_line(summary.hls))


def _figure_cells(figure: PassAtK) -> list[str]:
    return [f"{100 * figure.value:.1f}", f"{100 * figure.low:.1f} - {100 * figure.high:.1f}", str(figure.tasks)]


def _print_problems(bench: Bench, summary: Summary) -> None:
    stats = bench.stats
    if any(sample.result.isolation == "none" for sample in bench.log.samples()):
        err.print("[red]warning:[/red] answers ran without the sandbox (--unsafe-no-sandbox): an answer could "
                  "have forged its verdict")
    if stats.generation_errors:
        err.print(f"[red]model errors:[/red] {len(stats.generation_errors)} samples got no answer (stored in "
                  f"{bench.log.model_errors_path.name}; the next run asks again)")
    for worker in stats.workers_excluded:
        err.print(f"[yellow]worker not used:[/yellow] {escape(worker)}")
    for error in stats.scoring_errors:
        err.print(f"[red]scoring failed:[/red] {escape(error)}")
    malformed = {task.key for task in bench.malformed}  # told apart: re-running does not mend them
    resumable = [task for task in summary.incomplete_tasks if task not in malformed]
    if not summary.complete and (resumable or not malformed):
        shown = ", ".join(resumable[:_LISTED]) or "no samples"
        more = len(resumable) - _LISTED
        err.print(f"[yellow]run incomplete[/yellow]: {escape(shown)}{f' and {more} more' if more > 0 else ''}; "
                  f"re-run the same command to resume (all in {RESULTS_FILE})")


_LISTED = 10  # incomplete tasks named in the terminal; results.json and reports list them all


@bench_app.command("report")
def bench_report(
    runs: Annotated[list[Path], typer.Argument(help="run folders")],
    html_path: Annotated[Path | None, typer.Option("--html", help="write a self-contained HTML report")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the runs' results (each as in its results.json, "
                                          "with the common tasks and warnings) instead of Markdown")] = False,
) -> None:
    """Markdown summary of runs side by side (and an HTML report with every sample)."""
    loaded = load_runs(runs)
    if as_json:
        print(redact(report_results([run.results for run in loaded]).model_dump_json(indent=2)))
    else:
        print(redact(markdown(loaded)))
    if html_path:
        html_path.write_text(redact(html_report(loaded)))
        err.print(f"HTML report: {html_path}")


@cache_app.command("list")
def cache_list(as_json: AsJson = False) -> None:
    """Cached responses per model."""
    entries = ResponseCache(response_cache_path()).entries()
    if as_json:
        print(json.dumps({"cache": str(response_cache_path()),
                          "models": [{"model": model, "responses": count} for model, count in entries]}, indent=2))
        return
    for model, count in entries:
        out.print(f"{count:8d}  {escape(model)}")


@cache_app.command("clear")
def cache_clear(model: Annotated[str | None, typer.Option(help="only this model")] = None) -> None:
    """Delete cached responses."""
    removed = ResponseCache(response_cache_path()).clear(model)
    out.print(f"removed {removed} cached responses")
