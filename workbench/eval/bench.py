"""The benchmark loop: generate completions, score them, resume after any interruption.

Generation and evaluation are separate passes over the run folder: whatever is already recorded
is never redone, so re-running a finished run makes no model call and no simulation, and a run
killed at any point resumes where it stopped. Identical candidates of one task (after removing
comments and whitespace) are simulated once and share the verdict.

Scoring runs where the :mod:`workbench.eval.executor` says (local processes or a Dask cluster), in
units of several distinct candidates of one task (:func:`score_unit`); each finished unit is
recorded at once, so nothing finished is lost when a run stops.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path

import pydantic_core

from workbench.answer.key import candidate_key
from workbench.eval.executor import ToolchainCheck, UnitOutcome, get_executor
from workbench.eval.units import Candidate, ScoringUnit, score_unit, split_evenly
from workbench.log.run import CompletionRecord, RepairRound, RunConfig, RunLog, SampleRecord
from workbench.model import Model, ModelError, ReplayModel, ResponseCache, SampleContext
from workbench.report.metrics import Summary, summarize
from workbench.scorer import ScoreOptions, get_scorer, scorer_label
from workbench.sim import get_simulator
from workbench.solver import (
    Attempt,
    Check,
    Generate,
    RenderTask,
    Retrieve,
    SolverState,
    Step,
    TaskJudge,
    build_pipeline,
    build_retriever,
    retrieves,
    solve,
)
from workbench.task.errata import excluded_tasks, suite_errata
from workbench.task.format import Task, TaskKind
from workbench.task.suite import load_suite


@dataclass
class BenchStats:
    """What a run did; generation counters are bumped from worker threads, hence :meth:`count`."""

    model_calls: int = 0
    cache_hits: int = 0
    completions_reused: int = 0
    generation_errors: list[str] = field(default_factory=list)
    scorings: int = 0
    verdicts_shared: int = 0
    samples_reused: int = 0
    scoring_errors: list[str] = field(default_factory=list)  # units that failed: their samples stay unscored
    workers_excluded: list[str] = field(default_factory=list)  # cluster workers that failed the toolchain check
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)


def default_run_id(config: RunConfig) -> str:
    """Deterministic: the same command continues the same run. Computed from the flat layout of
    the configuration, so runs begun before its grouping keep their ids."""
    digest = hashlib.sha256(pydantic_core.to_json(config.flat())).hexdigest()[:8]
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", config.model.name.rsplit("/", 1)[-1]).strip("-")[:40]
    return f"{slug}-{'+'.join(config.selection.suites)}-{digest}"


class Bench:
    """One run: ``generation_jobs`` model requests at once (threads: they wait on I/O); scoring on
    ``executor`` (``local``, ``dask-local`` or ``dask://HOST:PORT``) with ``jobs`` processes, up
    to ``batch`` candidates of one task per unit of work."""

    def __init__(self, config: RunConfig, model: Model, runs_dir: Path, run_id: str | None = None,
                 cache: ResponseCache | None = None, jobs: int = 2, generation_jobs: int = 4,
                 progress: Callable[[str], None] | None = None, executor: str = "local", batch: int = 16) -> None:
        self.config = config
        self.model = model
        self.cache = cache if not isinstance(model, ReplayModel) else None
        self.executor = get_executor(executor, jobs)
        self.batch = max(1, batch)
        self.generation_jobs = generation_jobs if model.calls_network else 1
        self.progress = progress or (lambda message: None)
        self.tasks = _select_tasks(config)
        self.run_id = run_id or default_run_id(config)
        simulator = get_simulator(config.scoring.simulator)
        versions = {simulator.name: simulator.version() or "unknown", "cocotb": package_version("cocotb"),
                    "pyslang": package_version("pyslang")}
        self.log = RunLog.open(Path(runs_dir) / self.run_id, self.run_id, config, versions,
                               _errata_excluded(self.tasks))
        self.stats = BenchStats()
        self.pipeline = self._pipeline()

    # --- generation -----------------------------------------------------------------------
    def generate(self) -> BenchStats:
        done = {(c.suite, c.task_id, c.sample) for c in self.log.completions()}
        wanted = [(task, sample) for task in self.tasks for sample in range(self.config.selection.n)]
        todo = [(task, sample) for task, sample in wanted if (task.suite, task.id, sample) not in done]
        self.stats.count("completions_reused", len(wanted) - len(todo))
        with ThreadPoolExecutor(max_workers=self.generation_jobs) as pool:
            futures = {pool.submit(self._generate_one, task, sample): (task, sample) for task, sample in todo}
            for future in as_completed(futures):
                task, sample = futures[future]
                try:
                    self.log.append_completion(future.result())
                except ModelError as error:
                    self.stats.generation_errors.append(f"{task.suite}/{task.id} sample {sample}: {error}")
                    self.progress(f"[red]model error[/red] {task.id} #{sample}: {error}")
        return self.stats

    def _pipeline(self) -> list[Step]:
        """The solver's steps for this run's pipeline."""
        solver, model = self.config.solver, self.config.model
        generate = Generate(self.model, model.generation, model.seed, self.cache, self.stats.count)
        prompt = RenderTask(solver.spec_level, solver.language, solver.translate, solver.rag_budget_tokens,
                            solver.few_shot, tuple(self.tasks))
        check = Check(TaskJudge(self.config.scoring.simulator, solver.repair_feedback, self.log.folder / "artefacts",
                                solver.language))
        retrieve = (Retrieve(build_retriever(solver.rag_corpus, solver.rag_embeddings), solver.rag_k, solver.spec_level)
                    if retrieves(solver.pipeline) else None)
        return build_pipeline(solver.pipeline, prompt, generate, check, retrieve=retrieve,
                              repair_rounds=solver.repair_rounds, feedback=solver.repair_feedback)

    def _generate_one(self, task: Task, sample: int) -> CompletionRecord:
        context = SampleContext(task, sample, language=self.config.solver.language)
        state = solve(self.pipeline, SolverState(context))
        output = state.output
        self.progress(f"generated {task.id} #{sample}{' (cached)' if state.cached else ''}")
        return CompletionRecord(task_id=task.id, suite=task.suite, sample=sample, template=state.template,
                                messages=state.messages, completion=output.text, model=self.model.name,
                                cached=state.cached, input_tokens=output.input_tokens,
                                output_tokens=output.output_tokens, latency_s=output.latency_s,
                                cost_usd=output.cost_usd, attempts=output.attempts,
                                rounds=[_repair_round(attempt) for attempt in state.attempts])

    # --- evaluation -----------------------------------------------------------------------
    def evaluate(self) -> BenchStats:
        tasks = {(t.suite, t.id): t for t in self.tasks}
        existing = self.log.samples()
        scored = {(s.suite, s.task_id, s.sample) for s in existing}
        verdicts = {(s.suite, s.task_id, s.candidate_key): s for s in existing}
        pending: dict[tuple[str, str, str], list[CompletionRecord]] = {}
        for completion in self.log.completions():
            if (completion.suite, completion.task_id, completion.sample) in scored:
                self.stats.count("samples_reused")
                continue
            if (completion.suite, completion.task_id) not in tasks:
                continue
            key = (completion.suite, completion.task_id,
                   candidate_key(completion.completion, self.config.solver.language))
            if key in verdicts:
                self._record_shared(verdicts[key], completion)
                continue
            pending.setdefault(key, []).append(completion)
        if pending:
            self._score_pending(tasks, pending)
        self.log.rebuild_index()
        return self.stats

    def _score_pending(self, tasks: dict[tuple[str, str], Task],
                       pending: dict[tuple[str, str, str], list[CompletionRecord]]) -> None:
        """Score the first of each group of identical candidates on the executor; the others share its
        verdict. Options a task cannot be scored with (a simulator it does not run on) stop the run
        here, before any work."""
        options = ScoreOptions(sim=self.config.scoring.simulator, language=self.config.solver.language)
        scored = {key[:2]: tasks[key[:2]] for key in pending}
        for task in scored.values():
            get_scorer(task.kind).check(task, options)
        self.log.record_scoring({task.kind.value: scorer_label(get_scorer(task.kind)) for task in scored.values()},
                                options)
        folders = tuple(sorted({task.folder for task in scored.values()}))
        with self.executor.open(ToolchainCheck(self.config.scoring.simulator, folders, self.log.folder)) as executor:
            for worker, why in executor.excluded.items():
                self.stats.workers_excluded.append(f"{worker}: {why}")
                self.progress(f"worker {worker}: {why} — not used")
            # closing: an interrupted run stops the pool now, not when the generator is collected
            with closing(executor.map(score_unit, self._units(tasks, pending, executor.slots, options))) as outcomes:
                for outcome in outcomes:
                    self._record_unit(outcome, pending)

    def _units(self, tasks: dict[tuple[str, str], Task], pending: dict[tuple[str, str, str], list[CompletionRecord]],
               slots: int, options: ScoreOptions) -> list[ScoringUnit]:
        """Each task's distinct candidates in groups of at most ``batch``, but in enough groups to
        keep all ``slots`` busy when there are few tasks. The answers of a scorer that does not
        batch (formal, hls) are scored one by one anyway: one per unit, which spreads them best."""
        candidates: dict[tuple[str, str], list[Candidate]] = {}
        for (suite, task_id, key), group in pending.items():
            candidates.setdefault((suite, task_id), []).append(Candidate(group[0].sample, key, group[0].completion))
        groups_for_slots = -(-slots // len(candidates))
        units: list[ScoringUnit] = []
        for task_key, distinct in candidates.items():
            task = tasks[task_key]
            size = self.batch if get_scorer(task.kind).batches else 1
            count = max(-(-len(distinct) // size), min(len(distinct), groups_for_slots))
            units += [ScoringUnit(task, tuple(part), options, self.config.solver.spec_level.value, self.log.folder)
                      for part in split_evenly(distinct, count)]
        return units

    def _record_unit(self, outcome: UnitOutcome[ScoringUnit, list[SampleRecord]],
                     pending: dict[tuple[str, str, str], list[CompletionRecord]]) -> None:
        unit = outcome.unit
        if outcome.error is not None:
            self.stats.scoring_errors.append(f"{unit.label}: {outcome.error}")
            self.progress(f"scoring failed for {unit.label} (left unscored, retried by the next run): {outcome.error}")
            return
        assert outcome.value is not None  # an outcome without an error carries the unit's records
        for record in outcome.value:
            self.stats.count("scorings")
            self.progress(f"scored {record.task_id} #{record.sample}: {record.result.status.value}")
            self.log.append_sample(record)
            for completion in pending[(record.suite, record.task_id, record.candidate_key)][1:]:
                self._record_shared(record, completion)

    def _record_shared(self, verdict: SampleRecord, completion: CompletionRecord) -> None:
        self.stats.count("verdicts_shared")
        origin = verdict.shared_from if verdict.shared_from is not None else verdict.sample
        self.log.append_sample(verdict.model_copy(update={"sample": completion.sample, "shared_from": origin}))

    # --- whole run ------------------------------------------------------------------------
    def run(self) -> Summary:
        self.generate()
        self.evaluate()
        return self.summary()

    def summary(self) -> Summary:
        samples = self.log.samples()
        selection = self.config.selection
        summary = summarize(samples, selection.k, selection.n, set(self.log.info().errata_excluded))
        # summarize knows only the tasks that have samples; a task of the run without any is incomplete too
        unscored = {f"{t.suite}/{t.id}" for t in self.tasks} - {f"{s.suite}/{s.task_id}" for s in samples}
        if not unscored:
            return summary
        return summary.model_copy(update={"incomplete_tasks": sorted(set(summary.incomplete_tasks) | unscored),
                                          "complete": False})


def _errata_excluded(tasks: list[Task]) -> list[str]:
    """The "suite/task" ids of ``tasks`` that their suites' errata exclude."""
    excluded = set()
    for folder, suite in {(t.folder.parent, t.suite) for t in tasks}:
        excluded |= {f"{suite}/{task}" for task in excluded_tasks(suite_errata(folder))}
    return sorted(excluded & {f"{t.suite}/{t.id}" for t in tasks})


def _repair_round(attempt: Attempt) -> RepairRound:
    return RepairRound(completion=attempt.answer, status=attempt.result.status, checked_by=attempt.checked_by,
                       message=attempt.result.message, feedback=attempt.feedback)


def _select_tasks(config: RunConfig) -> list[Task]:
    selection, solver = config.selection, config.solver
    suites = ", ".join(selection.suites)
    tasks = [task for name in selection.suites for task in load_suite(name).tasks]
    if solver.kind == "nl2sva":
        # Each natural-language property of an assertion task is a task of its own.
        tasks = [posed for task in tasks
                 for posed in (task.nl2sva_tasks() if task.kind == TaskKind.ASSERTION else [task])]
    if selection.tasks:
        unknown = set(selection.tasks) - {t.id for t in tasks}
        if unknown:
            raise ValueError(f"no task {', '.join(sorted(unknown))} in {suites}")
        tasks = [t for t in tasks if t.id in selection.tasks]
    if solver.pipeline != "direct" and any(t.kind in (TaskKind.ASSERTION, TaskKind.NL2SVA, TaskKind.HLS_DEBUG)
                                           for t in tasks):
        raise ValueError(f"assertion, nl2sva and hls-debug tasks run with the direct pipeline, not {solver.pipeline}")
    if solver.language == "chisel":
        tasks = [t for t in tasks if t.config.chisel is not None]
        if not tasks:
            raise ValueError(f"no task of {suites} takes Chisel answers")
    return tasks
