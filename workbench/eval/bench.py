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

from workbench.model.cache import ResponseCache, cache_key
from workbench.task.errata import excluded_tasks, suite_errata
from workbench.eval.executor import Outcome, ToolchainCheck, get_executor
from workbench.answer.key import candidate_key
from workbench.eval.units import _SCORED_ONE_BY_ONE, Candidate, ScoringUnit, score_unit, split_evenly
from workbench.solver.repair import repair_check, repair_feedback
from workbench.log.run import CompletionRecord, RepairRound, RunConfig, RunLog, SampleRecord
from workbench.report.metrics import Summary, summarize
from workbench.model import ChatMessage, GenerateConfig, Model, ModelError, ModelOutput, ReplayModel, SampleContext
from workbench.solver.prompt import Demonstration, render
from workbench.solver.retrieval import build_retriever, task_source
from workbench.sim.simulators import get_simulator
from workbench.task.suite import load_suite
from workbench.task.format import Task, TaskKind

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
    """Deterministic: the same command continues the same run."""
    digest = hashlib.sha256(config.model_dump_json().encode()).hexdigest()[:8]
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", config.model.rsplit("/", 1)[-1]).strip("-")[:40]
    return f"{slug}-{'+'.join(config.suites)}-{digest}"


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
        simulator = get_simulator(config.simulator)
        versions = {simulator.name: simulator.version() or "unknown", "cocotb": package_version("cocotb"),
                    "pyslang": package_version("pyslang")}
        self.log = RunLog.open(Path(runs_dir) / self.run_id, self.run_id, config, versions, _errata_excluded(self.tasks))
        self.stats = BenchStats()
        self.retriever = (build_retriever(config.rag_corpus, config.rag_embeddings)
                          if config.pipeline.startswith("rag") else None)

    # --- generation -----------------------------------------------------------------------
    def generate(self) -> BenchStats:
        done = {(c.suite, c.task_id, c.sample) for c in self.log.completions()}
        wanted = [(task, sample) for task in self.tasks for sample in range(self.config.n)]
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

    def _generate_one(self, task: Task, sample: int) -> CompletionRecord:
        prompt = render(task, self.config.spec_level, self._examples(task), self._demonstrations(task),
                        language=self.config.language, translate=self.config.translate,
                        budget_tokens=self.config.rag_budget_tokens)
        generation = self._generation_config(sample)
        messages = list(prompt.messages)
        output, cached = self._ask(messages, generation, prompt.template, task, sample)
        rounds: list[RepairRound] = []
        if "repair" in self.config.pipeline:
            output, cached, rounds = self._repair(task, sample, messages, generation, prompt.template, output, cached)
        self.progress(f"generated {task.id} #{sample}{' (cached)' if cached else ''}")
        return CompletionRecord(task_id=task.id, suite=task.suite, sample=sample, template=prompt.template,
                                messages=messages, completion=output.text, model=self.model.name,
                                cached=cached, input_tokens=output.input_tokens, output_tokens=output.output_tokens,
                                latency_s=output.latency_s, cost_usd=output.cost_usd, attempts=output.attempts,
                                rounds=rounds)

    def _ask(self, messages: list[ChatMessage], generation: GenerateConfig, template: str, task: Task,
             sample: int) -> tuple[ModelOutput, bool]:
        """One model answer, from the cache when the very same conversation was answered before."""
        key = cache_key(self.model.cache_identity(), messages, generation, template, sample)
        output = self.cache.get(key) if self.cache else None
        if output is not None:
            self.stats.count("cache_hits")
            return output, True
        output = self.model.generate(messages, generation, SampleContext(task, sample, language=self.config.language))
        if self.model.calls_network:
            self.stats.count("model_calls")
        if self.cache:
            self.cache.put(key, self.model.name, output)
        return output, False

    def _repair(self, task: Task, sample: int, messages: list[ChatMessage], generation: GenerateConfig,
                template: str, output: ModelOutput, cached: bool) -> tuple[ModelOutput, bool, list[RepairRound]]:
        """AutoChip-style: score, send the evidence back, ask again; ``messages`` grows in place."""
        rounds: list[RepairRound] = []
        workdir = self.log.folder / "artefacts" / f"{task.suite}-{task.id}" / "repair"
        for _ in range(self.config.repair_rounds):
            result, checked_by = repair_check(task, output.text, self.config.simulator, self.config.repair_feedback,
                                              workdir, self.config.language)
            feedback = repair_feedback(result, self.config.repair_feedback)
            rounds.append(RepairRound(completion=output.text, status=result.status, checked_by=checked_by,
                                      message=result.message, feedback=feedback))
            if feedback is None:
                break
            messages += [ChatMessage(role="assistant", content=output.text), ChatMessage(role="user", content=feedback)]
            output, cached = self._ask(messages, generation, template, task, sample)
        return output, cached, rounds

    def _generation_config(self, sample: int) -> GenerateConfig:
        base = self.config.generation
        seed = None if self.config.seed is None else self.config.seed + sample
        return base.model_copy(update={"seed": seed}) if seed is not None else base

    def _examples(self, task: Task) -> list[Task]:
        """Few-shot examples: the first other tasks of the same suite, in id order (never the task)."""
        if not self.config.few_shot:
            return []
        others = [t for t in self._suite_tasks(task.suite) if t.id != task.id]
        return others[: self.config.few_shot]

    def _demonstrations(self, task: Task) -> list[Demonstration]:
        """For the rag pipeline: the designs most similar to the spec, never the task's own."""
        if self.retriever is None:
            return []
        hits = self.retriever.search(task.spec.text(self.config.spec_level), k=self.config.rag_k,
                                     exclude=task_source(task))
        return [Demonstration(source=hit.source, code=hit.code) for hit in hits]

    def _suite_tasks(self, suite: str) -> list[Task]:
        return [t for t in self.tasks if t.suite == suite] or load_suite(suite).tasks

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
            key = (completion.suite, completion.task_id, candidate_key(completion.completion, self.config.language))
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
        """Score the first of each group of identical candidates on the executor; the others share its verdict."""
        folders = tuple(sorted({tasks[key[:2]].folder for key in pending}))
        with self.executor.open(ToolchainCheck(self.config.simulator, folders, self.log.folder)) as executor:
            for worker, why in executor.excluded.items():
                self.stats.workers_excluded.append(f"{worker}: {why}")
                self.progress(f"worker {worker}: {why} — not used")
            # closing: an interrupted run stops the pool now, not when the generator is collected
            with closing(executor.map(score_unit, self._units(tasks, pending, executor.slots))) as outcomes:
                for outcome in outcomes:
                    self._record_unit(outcome, pending)

    def _units(self, tasks: dict[tuple[str, str], Task], pending: dict[tuple[str, str, str], list[CompletionRecord]],
               slots: int) -> list[ScoringUnit]:
        """Each task's distinct candidates in groups of at most ``batch``, but in enough groups to
        keep all ``slots`` busy when there are few tasks. Assertion and hls-debug answers are
        scored one by one anyway: one per unit, which spreads them best."""
        candidates: dict[tuple[str, str], list[Candidate]] = {}
        for (suite, task_id, key), group in pending.items():
            candidates.setdefault((suite, task_id), []).append(Candidate(group[0].sample, key, group[0].completion))
        groups_for_slots = -(-slots // len(candidates))
        units: list[ScoringUnit] = []
        for task_key, distinct in candidates.items():
            task = tasks[task_key]
            size = 1 if task.kind in _SCORED_ONE_BY_ONE else self.batch
            count = max(-(-len(distinct) // size), min(len(distinct), groups_for_slots))
            units += [ScoringUnit(task, tuple(part), self.config.simulator, self.config.language,
                                  self.config.spec_level.value, self.log.folder) for part in split_evenly(distinct, count)]
        return units

    def _record_unit(self, outcome: Outcome[ScoringUnit, list[SampleRecord]],
                     pending: dict[tuple[str, str, str], list[CompletionRecord]]) -> None:
        unit = outcome.unit
        if outcome.error is not None:
            self.stats.scoring_errors.append(f"{unit.label}: {outcome.error}")
            self.progress(f"scoring failed for {unit.label} (left unscored, retried by the next run): {outcome.error}")
            return
        for record in outcome.value:
            self.stats.count("scorings")
            self.progress(f"scored {record.task_id} #{record.sample}: {record.status.value}")
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
        summary = summarize(samples, self.config.k, self.config.n, set(self.log.info().errata_excluded))
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


def _select_tasks(config: RunConfig) -> list[Task]:
    tasks = [task for name in config.suites for task in load_suite(name).tasks]
    if config.kind == "nl2sva":
        # Each natural-language property of an assertion task is a task of its own.
        tasks = [posed for task in tasks for posed in (task.nl2sva_tasks() if task.kind == TaskKind.ASSERTION else [task])]
    if config.tasks:
        unknown = set(config.tasks) - {t.id for t in tasks}
        if unknown:
            raise ValueError(f"no task {', '.join(sorted(unknown))} in {', '.join(config.suites)}")
        tasks = [t for t in tasks if t.id in config.tasks]
    if config.pipeline != "direct" and any(t.kind in (TaskKind.ASSERTION, TaskKind.NL2SVA, TaskKind.HLS_DEBUG)
                                           for t in tasks):
        raise ValueError(f"assertion, nl2sva and hls-debug tasks run with the direct pipeline, not {config.pipeline}")
    if config.language == "chisel":
        tasks = [t for t in tasks if t.config.chisel is not None]
        if not tasks:
            raise ValueError(f"no task of {', '.join(config.suites)} takes Chisel answers")
    return tasks
