"""The benchmark loop: generate completions, score them as they arrive, resume after any interruption.

Whatever the run folder already records is never redone, so re-running a finished run makes no
model call and no simulation, and a run killed at any point resumes where it stopped. Identical
candidates of one task (after removing comments and whitespace) are simulated once and share the
verdict.

Generation (threads: model requests wait on I/O) and scoring overlap: once all samples of a task
are answered, its distinct candidates go as units of work (:func:`score_unit`) into a bounded
:class:`UnitFeed`, which the :mod:`workbench.eval.executor` (local processes or a Dask cluster)
drains, so a slow model never idles the simulators. Each finished unit is recorded at once.

Every distinct candidate that passes simulation on a task with a reference design is then compared
with it by the equivalence checker (the formal second verdict), when the run asks for it (by
default for the tasks of ``accel``): a unit of its own on the same executor, taken in turn with the
simulations waiting (a long proof holds up no simulation), recorded in ``equivalence.jsonl`` and
never checked again by a resumed run.

A model error is recorded with its sample (``model_errors.jsonl``) and the sample is asked again
by the next run; an error no retry can mend (:class:`FatalModelError`: a wrong key, an unknown
model, no server) stops generation at once, and what was answered is still scored.

A malformed task of the suites is posed all the same: it stays without samples, so the run is
incomplete and says which task and why, unless the run skips malformed tasks. A replay's lines
are matched with the suites' tasks before anything runs; a line that matches none is named.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path

import pydantic_core

from workbench.answer.key import candidate_key
from workbench.errors import WorkbenchError
from workbench.eval.executor import ToolchainCheck, UnitFeed, UnitOutcome, get_executor
from workbench.eval.units import (
    Candidate,
    EquivalenceUnit,
    PassUnit,
    ScoringUnit,
    SynthesisUnit,
    WorkUnit,
    compares_with_reference,
    run_unit,
    split_evenly,
    synthesizes,
)
from workbench.log.run import (
    CompletionRecord,
    EquivalenceRecord,
    ModelErrorRecord,
    ModelSettings,
    RepairRound,
    RunConfig,
    RunLog,
    SampleRecord,
    Selection,
    SolverSettings,
    SynthesisRecord,
)
from workbench.model import FatalModelError, Model, ModelError, ReplayModel, ResponseCache, SampleContext
from workbench.report.metrics import Summary, summarize
from workbench.report.results import MalformedTask, MalformedTasks, write_results
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
from workbench.task.hls import is_hls_suite
from workbench.task.suite import MalformedTaskError, Suite, TaskIds, load_suite

TaskKey = tuple[str, str]  # (suite, task id)
CandidateKey = tuple[str, str, str]  # (suite, task id, candidate key)


@dataclass
class BenchStats:
    """What a run did; counters are bumped from worker threads, hence :meth:`count` and :meth:`add`."""

    model_calls: int = 0
    cache_hits: int = 0
    completions_reused: int = 0
    generation_errors: list[str] = field(default_factory=list)
    fatal_error: str | None = None  # why generation stopped early (a FatalModelError), if it did
    input_tokens: int = 0  # of the answers this command generated (a cached answer costs nothing again)
    output_tokens: int = 0
    cost_usd: float = 0.0
    scorings: int = 0
    verdicts_shared: int = 0
    equivalence_checks: int = 0  # distinct candidates compared with the reference by this command
    syntheses: int = 0  # distinct candidates synthesised by this command
    samples_reused: int = 0
    scoring_errors: list[str] = field(default_factory=list)  # units that failed: their samples stay unscored
    workers_excluded: list[str] = field(default_factory=list)  # cluster workers that failed the toolchain check
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, name: str, amount: float = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def add(self, name: str, entry: str) -> None:
        with self._lock:
            getattr(self, name).append(entry)

    def stop_for(self, error: FatalModelError) -> None:
        """Note the first fatal error (later ones are its echoes from requests already in flight)."""
        with self._lock:
            if self.fatal_error is None:
                self.fatal_error = str(error)


class BenchProgress:
    """What a run tells while it works, for a display (the CLI's draws bars). Called from the
    generation thread and the scoring loop alike; this one tells nobody."""

    def planned(self, stage: str, suite: str, total: int, done: int) -> None:
        """``stage`` ("generate", "score" or "equivalence") of ``suite`` has ``total`` samples, ``done`` of them
        already."""

    def advanced(self, stage: str, suite: str, status: str | None = None) -> None:
        """One more sample of ``stage``: ``status`` is a scored sample's verdict, or "model_error";
        for stage "equivalence", a candidate's equivalence status."""

    def queued(self, stage: str, suite: str) -> None:
        """One more piece of work for ``stage`` (an equivalence check, once a candidate passes)."""

    def note(self, message: str) -> None:
        """Something worth a line of its own (rich markup)."""


def default_run_id(config: RunConfig) -> str:
    """Deterministic: the same command continues the same run. Computed from the flat layout of
    the configuration, so runs begun before its grouping keep their ids; one folder name of safe
    characters, with the suites' names (never their paths)."""
    flat = config.flat()
    if config.selection.limit is not None:
        flat["limit"] = config.selection.limit  # only when given: the ids of runs without it stay
    digest = hashlib.sha256(pydantic_core.to_json(flat)).hexdigest()[:8]
    suites = "+".join(_slug(Path(suite).name) for suite in config.selection.suites)
    return f"{_model_slug(config.model.name)}-{suites}-{digest}"


def _model_slug(name: str) -> str:
    provider, _, rest = name.partition("/")
    if provider != "replay":
        return _slug(name.rsplit("/", 1)[-1])[:40]
    # a replayed file is named by what it is, often by its folder: runs/x/completions.jsonl -> replay-x
    path = Path(rest)
    return _slug(f"replay-{path.parent.name if path.stem == 'completions' and path.parent.name else path.stem}")[:40]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._]+", "-", text).strip("-.") or "x"


class Bench:
    """One run: ``generation_jobs`` model requests at once (threads: they wait on I/O); scoring on
    ``executor`` (``local``, ``dask-local`` or ``dask://HOST:PORT``) with ``jobs`` processes, up
    to ``batch`` candidates of one task per unit of work. ``equivalence`` says whether simulation
    passes are compared with the reference (None: by default, see :func:`compares_with_reference`);
    like the rest of these options it is not part of the configuration, so a finished run can be
    given the check later."""

    def __init__(self, config: RunConfig, model: Model, runs_dir: Path, run_id: str | None = None,
                 cache: ResponseCache | None = None, jobs: int = 2, generation_jobs: int = 4,
                 progress: BenchProgress | None = None, executor: str = "local", batch: int = 16,
                 equivalence: bool | None = None, skip_malformed: bool = False, synthesis: bool | None = None) -> None:
        self.config = config
        self.equivalence = equivalence
        self.synthesis = synthesis
        self.model = model
        self.cache = cache if not isinstance(model, ReplayModel) else None
        self.executor = get_executor(executor, jobs)
        self.batch = max(1, batch)
        self.generation_jobs = generation_jobs if model.calls_network else 1
        self.progress = progress or BenchProgress()
        selected = select_tasks(config)
        self.tasks = selected.tasks
        self.malformed = selected.malformed  # the suites' tasks this run would pose that do not load
        self.skip_malformed = skip_malformed
        self._malformed = MalformedTasks(skipped=skip_malformed,
                                         tasks=[MalformedTask(task=t.key, problem=str(t)) for t in self.malformed])
        if not self.planned:
            skipped = f" ({len(self.malformed)} malformed tasks skipped)" if self.malformed else ""
            raise SelectionError(f"no task to run in {', '.join(config.selection.suites)}{skipped}")
        # the replay's lines that match no task, each "FILE:LINE: ..."
        self.replay_unmatched = _bind_replay(model, selected, config) if isinstance(model, ReplayModel) else []
        self.run_id = run_id or default_run_id(config)
        simulator = get_simulator(config.scoring.simulator)
        versions = {simulator.name: simulator.version() or "unknown", "cocotb": package_version("cocotb"),
                    "pyslang": package_version("pyslang")}
        self.log = RunLog.open(Path(runs_dir) / self.run_id, self.run_id, config, versions,
                               _errata_excluded(self.tasks), self.planned)
        self._malformed.write(self.log.folder)
        self.stats = BenchStats()
        self.pipeline = self._pipeline()
        self._record_lock = threading.Lock()  # samples are recorded by the scoring loop and the generation thread
        self._stop = threading.Event()  # the scoring loop ended early: generation stops too

    @property
    def planned(self) -> list[str]:
        """The "suite/task" the run poses, in order: a malformed task too (it stays missing, the run
        incomplete) unless the run skips malformed tasks."""
        return self._malformed.planned([f"{t.suite}/{t.id}" for t in self.tasks])

    # --- the run --------------------------------------------------------------------------
    def run(self) -> Summary:
        """Generate what is missing and score every answer once its task's answers are in."""
        self._work(generate=True, score=True)
        return self.summary()

    def generate(self) -> BenchStats:
        """Only generate what is missing."""
        self._work(generate=True, score=False)
        return self.stats

    def evaluate(self) -> BenchStats:
        """Only score the answers already recorded."""
        self._work(generate=False, score=True)
        return self.stats

    def summary(self) -> Summary:
        selection, info = self.config.selection, self.log.info()
        return summarize(self.log.samples(), selection.k, selection.n, set(info.errata_excluded),
                         planned=self.planned, equivalence=info.scoring.equivalence if info.scoring else (),
                         synthesis=info.scoring.synthesis if info.scoring else ())

    def checks_equivalence(self, task: Task) -> bool:
        """Whether this command compares ``task``'s simulation passes with its reference."""
        return compares_with_reference(task, self.equivalence)

    def synthesizes(self, task: Task) -> bool:
        """Whether this command synthesises ``task``'s simulation passes beside its reference."""
        return synthesizes(task, self.synthesis)

    def _work(self, generate: bool, score: bool) -> None:
        started = time.monotonic()
        try:
            todo = self._generation_todo() if generate else []
            if todo:
                self._probe()
            if self.stats.fatal_error:
                todo = []
            if score:
                _Scoring(self, todo).run()
            else:
                self._generate_all(todo)
        finally:
            self.log.add_wall_time(time.monotonic() - started)
            self.log.rebuild_index()
            write_results(self.log.folder)  # whatever happened: the figures of what the folder holds

    def _probe(self) -> None:
        """A model that cannot answer at all (no server, no key) says so before the first request."""
        try:
            self.model.probe()
        except FatalModelError as error:
            self._stop_generation(error)

    def _stop_generation(self, error: FatalModelError) -> None:
        self.stats.stop_for(error)  # the caller says why at the end; the display goes on with the scoring

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

    # --- generation -----------------------------------------------------------------------
    def _generation_todo(self) -> list[tuple[Task, int]]:
        done = {(c.suite, c.task_id, c.sample) for c in self.log.completions()}
        wanted = [(task, sample) for task in self.tasks for sample in range(self.config.selection.n)]
        todo = [(task, sample) for task, sample in wanted if (task.suite, task.id, sample) not in done]
        self.stats.count("completions_reused", len(wanted) - len(todo))
        remaining = Counter(task.suite for task, _ in todo)
        for suite, total in Counter(task.suite for task, _ in wanted).items():
            self.progress.planned("generate", suite, total, total - remaining[suite])
        return todo

    def _generate_all(self, todo: list[tuple[Task, int]],
                      answered: Callable[[Task, CompletionRecord | None], None] | None = None) -> None:
        """Ask for every ``(task, sample)`` of ``todo``, recording each answer or error as it comes
        and telling ``answered`` (the record, None when there is none)."""
        with ThreadPoolExecutor(max_workers=self.generation_jobs) as pool:
            futures = {pool.submit(self._generate_one, task, sample): (task, sample) for task, sample in todo}
            for future in as_completed(futures):
                task, sample = futures[future]
                record = self._record_generation(future, task, sample)
                if answered is not None:
                    answered(task, record)

    def _record_generation(self, future: Future, task: Task, sample: int) -> CompletionRecord | None:
        try:
            record: CompletionRecord = future.result()
        except CancelledError:
            return None
        except ModelError as error:
            self._record_model_error(task, sample, error)
            return None
        self.log.append_completion(record)
        if not record.cached:
            self.stats.count("input_tokens", record.input_tokens or 0)
            self.stats.count("output_tokens", record.output_tokens or 0)
        self.stats.count("cost_usd", record.cost_usd or 0.0)
        self.progress.advanced("generate", task.suite)
        return record

    def _record_model_error(self, task: Task, sample: int, error: ModelError) -> None:
        self.log.append_model_error(ModelErrorRecord(
            task_id=task.id, suite=task.suite, sample=sample, kind=error.kind, message=str(error),
            attempts=error.attempts, elapsed_s=error.elapsed_s, time=datetime.now(UTC).isoformat(timespec="seconds")))
        self.stats.add("generation_errors", f"{task.suite}/{task.id} sample {sample}: {error}")
        self.progress.advanced("generate", task.suite, "model_error")
        if not isinstance(error, FatalModelError):
            self.progress.note(f"[red]model error[/red] {task.suite}/{task.id} #{sample}: {error}")

    def _generate_one(self, task: Task, sample: int) -> CompletionRecord:
        if self.stats.fatal_error or self._stop.is_set():
            raise CancelledError  # queued before the run stopped: a request that cannot succeed is not sent
        context = SampleContext(task, sample, language=self.config.solver.language)
        try:
            state = solve(self.pipeline, SolverState(context))
        except FatalModelError as error:
            self._stop_generation(error)  # at once, before another worker thread sends its request
            raise
        outputs = state.outputs  # every round's answer: the sample's usage is theirs together
        return CompletionRecord(task_id=task.id, suite=task.suite, sample=sample, template=state.template,
                                messages=state.messages, completion=state.output.text, model=self.model.name,
                                cached=state.cached, input_tokens=_total(o.input_tokens for o in outputs),
                                output_tokens=_total(o.output_tokens for o in outputs),
                                latency_s=sum(o.latency_s for o in outputs),
                                cost_usd=_total(o.cost_usd for o in outputs),
                                attempts=sum(o.attempts for o in outputs),
                                rounds=[_repair_round(attempt) for attempt in state.attempts])

    # --- scoring --------------------------------------------------------------------------
    def _record_unit(self, outcome: UnitOutcome[ScoringUnit, list[SampleRecord]],
                     pending: dict[tuple[str, str, str], list[CompletionRecord]]) -> None:
        if self._failed(outcome, "scoring", "unscored"):
            return
        assert outcome.value is not None  # an outcome without an error carries the unit's records
        for record in outcome.value:
            self.stats.count("scorings")
            self._record_sample(record)
            for completion in pending[(record.suite, record.task_id, record.candidate_key)][1:]:
                self._record_shared(record, completion)

    def _record_shared(self, verdict: SampleRecord, completion: CompletionRecord) -> None:
        self.stats.count("verdicts_shared")
        origin = verdict.shared_from if verdict.shared_from is not None else verdict.sample
        self._record_sample(verdict.model_copy(update={"sample": completion.sample, "shared_from": origin}))

    def _record_sample(self, record: SampleRecord) -> None:
        with self._record_lock:
            self.log.append_sample(record)
        self.progress.advanced("score", record.suite, record.result.status.value)

    def _record_equivalence(self, outcome: UnitOutcome[EquivalenceUnit, EquivalenceRecord]) -> None:
        if self._failed(outcome, "equivalence check", "unchecked"):
            return
        assert outcome.value is not None  # an outcome without an error carries the unit's record
        self.stats.count("equivalence_checks")
        self.log.append_equivalence(outcome.value)
        self.progress.advanced("equivalence", outcome.unit.task.suite, outcome.value.equivalence.status)

    def _record_synthesis(self, outcome: UnitOutcome[SynthesisUnit, SynthesisRecord]) -> None:
        if self._failed(outcome, "synthesis", "without figures"):
            return
        assert outcome.value is not None  # an outcome without an error carries the unit's record
        self.stats.count("syntheses")
        self.log.append_synthesis(outcome.value)
        self.progress.advanced("synthesis", outcome.unit.task.suite, outcome.value.synthesis.answer.status)

    def _failed(self, outcome: UnitOutcome, work: str, left: str) -> bool:
        """Whether the unit's work failed; then it is counted and told, and the next run retries it."""
        if outcome.error is None:
            return False
        self.stats.add("scoring_errors", f"{outcome.unit.label}: {outcome.error}")
        self.progress.note(f"{work} failed for {outcome.unit.label} (left {left}, retried by the next run): "
                           f"{outcome.error}")
        return True


class _Scoring:
    """One pass of scoring beside generation: which answers still need a verdict, and when each
    task's go to the executor (once all its samples are in, so identical ones are simulated once);
    then which passes still need the equivalence check, queued as their verdicts come."""

    def __init__(self, bench: Bench, todo: list[tuple[Task, int]]) -> None:
        self.bench = bench
        self.todo = todo
        tasks = {(t.suite, t.id): t for t in bench.tasks}
        existing = bench.log.samples()
        scored = {(s.suite, s.task_id, s.sample) for s in existing}
        self.verdicts = {(s.suite, s.task_id, s.candidate_key): s for s in existing}
        self.answers: dict[TaskKey, list[CompletionRecord]] = defaultdict(list)  # unscored, by task
        completions = bench.log.completions()
        for completion in completions:
            if (completion.suite, completion.task_id, completion.sample) in scored:
                bench.stats.count("samples_reused")
            elif (completion.suite, completion.task_id) in tasks:
                self.answers[(completion.suite, completion.task_id)].append(completion)
        self.waiting = Counter((task.suite, task.id) for task, _ in todo)  # answers still to come, by task
        self.tasks = {key: tasks[key] for key in (set(self.waiting) | set(self.answers))}
        self.pending: dict[CandidateKey, list[CompletionRecord]] = {}  # identical candidates, first scored
        self._failure: BaseException | None = None
        n = bench.config.selection.n
        already = Counter(s.suite for s in existing)
        for suite, count in Counter(t.suite for t in bench.tasks).items():
            bench.progress.planned("score", suite, count * n, already[suite])
        # candidates checked or synthesised, or queued for it
        self.compared = {key for key, sample in self.verdicts.items() if sample.result.equivalence is not None}
        self.synthesised = {key for key, sample in self.verdicts.items() if sample.result.synthesis is not None}
        self.checks = self._unchecked(existing, {(c.suite, c.task_id, c.sample): c for c in completions}, tasks)

    def _unchecked(self, existing: list[SampleRecord], completions: dict[tuple[str, str, int], CompletionRecord],
                   tasks: dict[TaskKey, Task]) -> list[PassUnit]:
        """The passes recorded earlier that this command compares or synthesises and that have no
        verdict or figures yet (a run stopped midway, or one scored without them)."""
        checks = []
        for sample in existing:
            task = tasks.get((sample.suite, sample.task_id))
            completion = completions.get((sample.suite, sample.task_id, sample.sample))
            if task is not None and completion is not None:
                checks += self._checks_for(task, sample, completion.completion)
        return checks

    def _checks_for(self, task: Task, record: SampleRecord, answer: str) -> list[PassUnit]:
        """The checks of a pass that ``record`` calls for (each distinct candidate once): the
        equivalence check, synthesis."""
        key = (record.suite, record.task_id, record.candidate_key)
        if not record.result.passed:
            return []
        wanted: list[type[PassUnit]] = []
        if key not in self.compared and self.bench.checks_equivalence(task):
            self.compared.add(key)
            wanted.append(EquivalenceUnit)
        if key not in self.synthesised and self.bench.synthesizes(task):
            self.synthesised.add(key)
            wanted.append(SynthesisUnit)
        for unit in wanted:
            self.bench.progress.queued(unit.work, task.suite)
        return [unit(task, Candidate(record.sample, record.candidate_key, answer), self.bench.config.solver.language,
                     record.result.artefacts, self.bench.log.folder) for unit in wanted]

    def run(self) -> None:
        bench = self.bench
        options = ScoreOptions(sim=bench.config.scoring.simulator, language=bench.config.solver.language)
        for task in self.tasks.values():
            get_scorer(task.kind).check(task, options)  # a simulator a task cannot run on stops the run here
        bench.log.record_scoring({task.kind.value: scorer_label(get_scorer(task.kind)) for task in self.tasks.values()},
                                 options, [f"{task.suite}/{task.id}" for task in bench.tasks
                                           if bench.checks_equivalence(task)],
                                 [f"{task.suite}/{task.id}" for task in bench.tasks if bench.synthesizes(task)])
        if not self.tasks and not self.checks:
            return
        folders = tuple(sorted({task.folder for task in [*self.tasks.values(), *(c.task for c in self.checks)]}))
        with bench.executor.open(ToolchainCheck(bench.config.scoring.simulator, folders, bench.log.folder)) as executor:
            for worker, why in executor.excluded.items():
                bench.stats.add("workers_excluded", f"{worker}: {why}")
                bench.progress.note(f"worker {worker}: {why} — not used")
            feed: UnitFeed[WorkUnit] = UnitFeed(bound=4 * executor.slots)
            for check in self.checks:
                feed.follow(check)
            generation = threading.Thread(target=self._generate, args=(feed, options, executor.slots),
                                          name="generation", daemon=True)
            generation.start()
            try:
                # closing: an interrupted run stops the pool now, not when the generator is collected
                with closing(executor.map(run_unit, feed)) as outcomes:
                    for outcome in outcomes:
                        self._record(outcome, feed)
            finally:
                bench._stop.set()
                feed.close()
                generation.join()
        if self._failure is not None:
            raise self._failure

    def _record(self, outcome: UnitOutcome, feed: UnitFeed[WorkUnit]) -> None:
        """Record a unit's outcome; a scoring unit's passes are queued for their checks."""
        unit = outcome.unit
        if isinstance(unit, EquivalenceUnit):
            self.bench._record_equivalence(outcome)
            return
        if isinstance(unit, SynthesisUnit):
            self.bench._record_synthesis(outcome)
            return
        self.bench._record_unit(outcome, self.pending)
        answers = {candidate.key: candidate.answer for candidate in unit.candidates}
        for record in outcome.value or []:
            for check in self._checks_for(unit.task, record, answers[record.candidate_key]):
                feed.follow(check)

    def _generate(self, feed: UnitFeed[WorkUnit], options: ScoreOptions, slots: int) -> None:
        """In its own thread: the tasks answered already go first, then each as its answers come."""
        try:
            release = self._releaser(feed, options, slots)
            for key in [key for key in self.tasks if not self.waiting[key]]:
                release(key)

            def answered(task: Task, record: CompletionRecord | None) -> None:
                key = (task.suite, task.id)
                if record is not None:
                    self.answers[key].append(record)
                self.waiting[key] -= 1
                if not self.waiting[key]:
                    release(key)

            self.bench._generate_all(self.todo, answered)
        except BaseException as failure:  # noqa: BLE001 - raised again in the scoring thread, which reports it
            self._failure = failure
        finally:
            feed.close()

    def _releaser(self, feed: UnitFeed[WorkUnit], options: ScoreOptions,
                  slots: int) -> Callable[[TaskKey], None]:
        # Few tasks, many slots: split each task's candidates further so that every slot works.
        groups_for_slots = -(-slots // max(1, len(self.tasks)))
        spec_level = self.bench.config.solver.spec_level.value
        language = self.bench.config.solver.language

        def release(key: TaskKey) -> None:
            task = self.tasks[key]
            distinct: list[Candidate] = []
            for completion in sorted(self.answers.pop(key, []), key=lambda c: c.sample):
                candidate = (task.suite, task.id, candidate_key(completion.completion, language))
                if candidate in self.verdicts:
                    self.bench._record_shared(self.verdicts[candidate], completion)
                elif candidate in self.pending:
                    self.pending[candidate].append(completion)
                else:
                    self.pending[candidate] = [completion]
                    distinct.append(Candidate(completion.sample, candidate[2], completion.completion))
            if not distinct:
                return
            size = self.bench.batch if get_scorer(task.kind).batches else 1
            count = max(-(-len(distinct) // size), min(len(distinct), groups_for_slots))
            for part in split_evenly(distinct, count):
                feed.put(ScoringUnit(task, tuple(part), options, spec_level, self.bench.log.folder))

        return release


def _total(values: Iterable[float | int | None]) -> float | int | None:
    """The sum of the known values; None when none is known."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _errata_excluded(tasks: list[Task]) -> list[str]:
    """The "suite/task" ids of ``tasks`` that their suites' errata exclude."""
    excluded = set()
    for folder, suite in {(t.folder.parent, t.suite) for t in tasks}:
        excluded |= {f"{suite}/{task}" for task in excluded_tasks(suite_errata(folder))}
    return sorted(excluded & {f"{t.suite}/{t.id}" for t in tasks})


def _repair_round(attempt: Attempt) -> RepairRound:
    return RepairRound(completion=attempt.answer, status=attempt.result.status, checked_by=attempt.checked_by,
                       message=attempt.result.message, feedback=attempt.feedback)


class SelectionError(WorkbenchError, ValueError):
    """A run's selection poses no task to run, or tasks its options do not go with (a pipeline or a
    language they do not take)."""


@dataclass(frozen=True)
class TaskSelection:
    """The tasks a run poses; ``available``: every task of its suites (before ``--task`` and
    ``--limit``); ``malformed``: the tasks it would pose that do not load."""

    tasks: list[Task]
    available: list[Task]
    malformed: list[MalformedTaskError]


def select_tasks(config: RunConfig) -> TaskSelection:
    """The tasks of ``config``'s selection. A task is named by any id a user may hold for it (see
    :class:`TaskIds`); an id that names none is an error that suggests close ones."""
    selection, solver = config.selection, config.solver
    where = ", ".join(selection.suites)
    posed = [entry for name in selection.suites for entry in _in_suite_order(load_suite(name))]
    if solver.kind == "nl2sva":
        # Each natural-language property of an assertion task is a task of its own.
        posed = [posed_task for entry in posed
                 for posed_task in (entry.nl2sva_tasks() if isinstance(entry, Task) and entry.kind == TaskKind.ASSERTION
                                    else [entry])]
    available = [entry for entry in posed if isinstance(entry, Task)]
    if selection.tasks:
        posed = _named(posed, selection.tasks, TaskIds(available), where)
    if selection.limit is not None:
        posed = posed[: selection.limit]  # the first ones in the suites' order (see Selection.limit)
    tasks = [entry for entry in posed if isinstance(entry, Task)]
    if solver.pipeline != "direct" and any(t.kind in (TaskKind.ASSERTION, TaskKind.NL2SVA, TaskKind.HLS_DEBUG)
                                           for t in tasks):
        raise SelectionError(f"assertion, nl2sva and hls-debug tasks run with the direct pipeline, not "
                             f"{solver.pipeline}")
    if solver.language == "chisel":
        tasks = [t for t in tasks if t.config.chisel is not None]
        if not tasks:
            raise SelectionError(f"no task of {where} takes Chisel answers")
    return TaskSelection(tasks, available, [entry for entry in posed if isinstance(entry, MalformedTaskError)])


def _in_suite_order(suite: Suite) -> list[Task | MalformedTaskError]:
    """A suite's tasks and malformed tasks in the suite's order: by folder name (an HLS suite's
    tasks kernel by kernel, its malformed ones last)."""
    if not suite.problems or is_hls_suite(suite.folder):
        return [*suite.tasks, *suite.malformed]
    return sorted([*suite.tasks, *suite.malformed],
                  key=lambda entry: entry.task if isinstance(entry, MalformedTaskError) else entry.folder.name)


def _named(posed: list[Task | MalformedTaskError], names: list[str], ids: TaskIds,
           where: str) -> list[Task | MalformedTaskError]:
    """The entries of ``posed`` that ``names`` name, in their order; a name that names none is an error."""
    malformed = [entry for entry in posed if isinstance(entry, MalformedTaskError)]
    wanted: set[str] = set()
    unknown = []
    for name in names:
        found = [f"{task.suite}/{task.id}" for task in ids.lookup(name)]
        found += [task.key for task in malformed if task.named_by(name)]
        if not found:
            unknown.append(name)
        wanted.update(found)
    if unknown:
        raise ids.unknown(unknown, where)
    return [entry for entry in posed if _key(entry) in wanted]


def _key(entry: Task | MalformedTaskError) -> str:
    return entry.key if isinstance(entry, MalformedTaskError) else f"{entry.suite}/{entry.id}"


def _bind_replay(replay: ReplayModel, selected: TaskSelection, config: RunConfig) -> list[str]:
    """Match the replay's lines with the tasks of the run's suites; the lines that match none, as
    "FILE:LINE: ..." (a line naming a malformed task is told with that task). A file none of
    whose lines matches is an error: nothing of it would be scored."""
    where = ", ".join(config.selection.suites)
    unmatched = [record for record in replay.bind(selected.available)
                 if not any(task.named_by(record.task_id) for task in selected.malformed)]
    ids = TaskIds(selected.available)
    lines = []
    for record in unmatched:
        close = ids.close_to(record.task_id)
        lines.append(f"{replay.where(record)}: '{record.task_id}' is no task of {where}"
                     + (f" (did you mean {', '.join(close)}?)" if close else ""))
    if len(unmatched) == len(replay.records):
        more = f" and {len(lines) - 1} more lines like it" if len(lines) > 1 else ""
        raise ModelError(f"{lines[0]}{more}: no line of {replay.path} names a task of {where}")
    return lines


def replay_selection(replay: ReplayModel, suites: list[str], kind: str = "assertion") -> Selection:
    """What ``bench evaluate`` scores of a replay file: the tasks of ``suites`` that its lines name
    (malformed ones included, to be told), with as many samples as the task with most (k = 1)."""
    probe = RunConfig(selection=Selection(suites=suites), model=ModelSettings(name=replay.name),
                      solver=SolverSettings(kind=kind))
    selected = select_tasks(probe)
    _bind_replay(replay, selected, probe)
    answered = replay.samples_by_task()
    ids = Counter(task.id for task in selected.available)
    names = {task.id if ids[task.id] == 1 else f"{task.suite}/{task.id}"  # bare ids: the run ids of older versions
             for task in selected.available if (task.suite, task.id) in answered}
    names |= {task.key for task in selected.malformed if any(task.named_by(r.task_id) for r in replay.records)}
    return Selection(suites=suites, tasks=sorted(names), n=max(answered.values(), default=1))
