"""A run's figures as one versioned object: ``results.json`` in the run folder, the reports' one
source, and (several runs side by side, with their common tasks) what ``bench report --json`` prints.

Everything here is computed from the run folder alone (``run.json`` and the journals), so a
results file can be rewritten at any time, and old run folders report too. The schema is
documented in docs/results.md; :data:`RESULTS_SCHEMA_VERSION` changes whenever a field changes
meaning or goes away (new fields may come without it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version as package_version
from math import comb
from pathlib import Path
from typing import Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from workbench._paths import write_atomically
from workbench._secrets import redact
from workbench.errors import WorkbenchError
from workbench.log.run import CompletionRecord, ModelErrorRecord, RunConfig, RunInfo, RunLog, SampleRecord
from workbench.report.metrics import PassAtK, Summary, TaskOutcome, pass_at_k_over_tasks, summarize
from workbench.solver import repairs

RESULTS_SCHEMA_VERSION = 1
RESULTS_FILE = "results.json"
MALFORMED_FILE = "malformed_tasks.json"

# complete: every task has all n samples judged; incomplete: some lack samples (listed); not scored:
# answers exist, no verdict yet; no answers: nothing was answered (every request failed, or none was made).
RunState = Literal["complete", "incomplete", "not scored", "no answers"]


class Usage(BaseModel):
    """What answering cost. Tokens and cost are those of the answers the model produced for this
    run; an answer reused from the response cache costs nothing here (its first run paid for it)."""

    answers: int  # completions recorded
    cached_answers: int  # of which from the response cache
    model_calls: int  # answers the model produced: one per completion not from the cache, one more per repair round
    input_tokens: int | None  # None: no answer reported tokens (baselines, replayed files)
    output_tokens: int | None
    cost_usd: float | None  # None: no answer had a price


class ModelErrorEntry(BaseModel):
    task_id: str
    suite: str
    sample: int
    kind: str  # rate-limit, server, timeout, auth, connection, ...
    message: str
    attempts: int


class ModelErrors(BaseModel):
    """Samples left without an answer because the model's requests failed: infrastructure errors,
    never model failures (they are not in pass@k; they make the run incomplete)."""

    count: int = 0
    by_kind: dict[str, int] = {}
    errors: list[ModelErrorEntry] = []


class MalformedTask(BaseModel):
    task: str  # "suite/task": the task's folder
    problem: str  # the file and what is wrong with it


class MalformedTasks(BaseModel):
    """The suites' tasks a run would pose that do not load, as its last command found them
    (``malformed_tasks.json`` in the run folder): posed all the same, they stay without samples and
    make the run incomplete, unless the command skipped them."""

    skipped: bool = False
    tasks: list[MalformedTask] = []

    @classmethod
    def read(cls, folder: Path) -> MalformedTasks:
        path = Path(folder) / MALFORMED_FILE
        return cls.model_validate_json(path.read_text()) if path.is_file() else cls()

    def write(self, folder: Path) -> None:
        """Into ``folder``, when there is something to say or to take back."""
        path = Path(folder) / MALFORMED_FILE
        if self.tasks or path.is_file():
            write_atomically(path, self.model_dump_json(indent=2) + "\n")

    def planned(self, tasks: list[str]) -> list[str]:
        """The "suite/task" a run poses: its loaded ``tasks`` and the malformed ones, unless skipped."""
        malformed = [task.task for task in self.tasks]
        if self.skipped:
            return [task for task in tasks if task not in malformed]
        return tasks + [task for task in malformed if task not in tasks]


class RunIdentity(BaseModel):
    """What a run's figures are figures of (first in results.json)."""

    schema_version: int = RESULTS_SCHEMA_VERSION
    run_id: str
    model: str
    pipeline: str  # as reports name it (oracle feedback always said)
    state: RunState
    n: int  # samples per task
    ks: list[int]  # the k of pass@k the run asked for
    created: str
    wall_time_s: float  # summed over every command that worked on the run
    workbench_version: str  # the version that began the run
    written_by: str  # the version that computed these figures
    git_revision: str | None
    tool_versions: dict[str, str]
    configuration: RunConfig


class RunResults(Summary, RunIdentity):
    """One run: what it is (:class:`RunIdentity`), its scores (:class:`Summary`), and the rest of
    what it did: the tasks it poses, the samples without a verdict and why, tokens and cost."""

    planned_tasks: list[str]  # "suite/task" the run poses, in order
    planned_tasks_recorded: bool  # False: an old run folder, the tasks are those with answers or verdicts
    samples_expected: int  # tasks x n
    answered_not_scored: int  # answers without a verdict yet
    not_attempted: int  # samples with neither an answer nor a model error
    pass_at_k_curve: list[PassAtK]  # pass@k for every k from 1 to n
    usage: Usage
    model_errors: ModelErrors
    unsandboxed: bool  # some answer ran without the sandbox: its verdict could be forged
    malformed_tasks: list[MalformedTask] = []  # tasks of the suites that do not load (missing, unless skipped)
    malformed_skipped: bool = False  # the run leaves its malformed tasks out

    @property
    def label(self) -> str:
        """How reports name the run: its model and pipeline (the run id goes in small print)."""
        return f"{self.model} · {self.pipeline}"

    @property
    def scored_tasks(self) -> int:
        return sum(1 for task in self.per_task if task.judged)


class CommonTasks(BaseModel):
    """The runs' figures over the tasks every run judged: the fair comparison when their tasks differ."""

    tasks: list[str]  # "suite/task"
    pass_at_k: dict[str, list[PassAtK]]  # by run id, each run's ks


class PairedTask(BaseModel):
    task_id: str
    suite: str
    a: float  # the task's pass rate (passed / judged) in the first run
    b: float  # ... in the second


class PairedComparison(BaseModel):
    """Two runs task by task, over their common tasks."""

    a: str  # run ids
    b: str
    tasks: list[PairedTask]
    a_better: int
    b_better: int
    ties: int
    sign_test_p: float | None  # two-sided exact sign test over the tasks that differ; None: none differs


class ReportResults(BaseModel):
    """Several runs side by side: what ``bench report --json`` prints and both reports render."""

    schema_version: int = RESULTS_SCHEMA_VERSION
    runs: list[RunResults]
    labels: dict[str, str]  # run id -> the run's column name (model · pipeline, told apart when equal)
    same_tasks: bool  # every run poses the same tasks
    common_tasks: CommonTasks | None  # several runs whose judged tasks differ
    paired: PairedComparison | None  # exactly two runs with common tasks
    warnings: list[str]  # what a reader must know before reading a figure


class NotARunFolder(WorkbenchError, FileNotFoundError):
    pass


@dataclass(frozen=True)
class RunRecords:
    """Everything a run folder records, read once."""

    log: RunLog
    info: RunInfo
    samples: list[SampleRecord]
    completions: list[CompletionRecord]
    model_errors: list[ModelErrorRecord]
    malformed: MalformedTasks

    @classmethod
    def load(cls, folder: Path) -> RunRecords:
        if not (Path(folder) / "run.json").is_file():
            raise NotARunFolder(f"not a run folder (no run.json): {folder}")
        log = RunLog(folder)
        return cls(log, log.info(), log.samples(), log.completions(), log.model_errors(), MalformedTasks.read(folder))


def run_results(folder: Path) -> RunResults:
    """The figures of the run in ``folder``."""
    return results_of(RunRecords.load(folder))


def write_results(folder: Path) -> Path:
    """Compute the run's figures and write them to ``folder/results.json`` (atomically)."""
    results = run_results(folder)
    path = Path(folder) / RESULTS_FILE
    write_atomically(path, redact(results.model_dump_json(indent=2)) + "\n")
    return path


def results_of(records: RunRecords) -> RunResults:
    """The figures of a run folder already read (reports read it once for figures and samples)."""
    info, config = records.info, records.info.config
    selection = config.selection
    planned = records.malformed.planned(info.tasks if info.tasks is not None else _tasks_seen(records))
    summary = summarize(records.samples, selection.k, selection.n, set(info.errata_excluded), planned,
                        info.scoring.equivalence if info.scoring else (),
                        info.scoring.synthesis if info.scoring else ())
    errors = _model_errors(records.model_errors)
    scored = {(s.suite, s.task_id, s.sample) for s in records.samples}
    answered_not_scored = sum((c.suite, c.task_id, c.sample) not in scored for c in records.completions)
    expected = summary.tasks * selection.n
    return RunResults(
        **dict(summary),
        run_id=info.run_id, model=config.model.name, pipeline=pipeline_label(config), configuration=config,
        n=selection.n, ks=selection.k, tool_versions=info.tool_versions, workbench_version=info.workbench_version,
        written_by=package_version("rtl-workbench"), git_revision=info.git_revision, created=info.created,
        wall_time_s=info.wall_time_s, planned_tasks=[t.key for t in summary.per_task],
        planned_tasks_recorded=info.tasks is not None,
        state=_state(summary, len(records.completions)), samples_expected=expected,
        answered_not_scored=answered_not_scored,
        not_attempted=max(0, expected - summary.samples - answered_not_scored - errors.count),
        pass_at_k_curve=[f for f in (pass_at_k_over_tasks(summary.per_task, k) for k in range(1, selection.n + 1))
                         if f.tasks],
        usage=_usage(records.completions), model_errors=errors,
        unsandboxed=any(s.result.isolation == "none" for s in records.samples),
        malformed_tasks=records.malformed.tasks, malformed_skipped=records.malformed.skipped)


def results_schema() -> dict:
    """The JSON schema of ``results.json`` (:class:`RunResults`) and of what ``bench report --json``
    prints (:class:`ReportResults`); docs/results.schema.json is generated from it."""
    _, definitions = models_json_schema([(RunResults, "serialization"), (ReportResults, "serialization")])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "RTL Workbench results",
            "description": f"results.json (RunResults) and bench report --json (ReportResults), schema version "
                           f"{RESULTS_SCHEMA_VERSION}; see docs/results.md",
            "anyOf": [{"$ref": "#/$defs/RunResults"}, {"$ref": "#/$defs/ReportResults"}], **definitions}


def pipeline_label(config: RunConfig) -> str:
    """The pipeline as reported: oracle feedback is always named, never mixed with honest repair;
    Chisel answers and Verilog-to-Chisel translation are named too."""
    solver = config.solver
    if solver.kind == "nl2sva" and solver.pipeline == "direct":
        return "nl2sva"
    language = {"chisel": "chisel, "}.get(solver.language, "") if not solver.translate else "verilog->chisel, "
    if repairs(solver.pipeline) and solver.repair_feedback == "oracle":
        return f"{language}{solver.pipeline} (ORACLE feedback, {solver.repair_rounds} rounds)"
    if repairs(solver.pipeline):
        return f"{language}{solver.pipeline} (lint/compile/visible-test feedback, {solver.repair_rounds} rounds)"
    return f"{language}{solver.pipeline}"


def _tasks_seen(records: RunRecords) -> list[str]:
    """An old run folder's tasks: those with an answer, a verdict or a model error."""
    seen = {(r.suite, r.task_id) for group in (records.samples, records.completions, records.model_errors)
            for r in group}
    return [f"{suite}/{task}" for suite, task in sorted(seen)]


def _state(summary: Summary, answers: int) -> RunState:
    if not summary.samples:
        return "not scored" if answers else "no answers"
    return "complete" if summary.complete else "incomplete"


def _usage(completions: list[CompletionRecord]) -> Usage:
    paid = [c for c in completions if not c.cached]

    def total(values: list) -> int | float | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    return Usage(answers=len(completions), cached_answers=len(completions) - len(paid),
                 model_calls=sum(max(1, len(c.rounds)) for c in paid),
                 input_tokens=total([c.input_tokens for c in paid]),
                 output_tokens=total([c.output_tokens for c in paid]),
                 cost_usd=total([c.cost_usd for c in paid]))


def _model_errors(records: list[ModelErrorRecord]) -> ModelErrors:
    """One entry per sample still without an answer: its last error (earlier runs' tries of it went before)."""
    last = {(r.suite, r.task_id, r.sample): r for r in records}
    entries = [ModelErrorEntry(task_id=r.task_id, suite=r.suite, sample=r.sample, kind=r.kind, message=r.message,
                               attempts=r.attempts) for _, r in sorted(last.items())]
    return ModelErrors(count=len(entries), by_kind=dict(sorted(Counter(e.kind for e in entries).items())),
                       errors=entries)


# --- several runs ------------------------------------------------------------------------------

def report_results(runs: list[RunResults]) -> ReportResults:
    """Runs side by side: their column names, their common tasks when their tasks differ, the
    paired comparison of two runs, and the warnings every report shows first."""
    labels = run_labels(runs)
    same_tasks = len({tuple(sorted(run.planned_tasks)) for run in runs}) <= 1
    judged = [{t.key for t in run.per_task if t.judged} for run in runs]
    common = sorted(set.intersection(*judged)) if runs else []
    differs = len(runs) > 1 and any(tasks != judged[0] for tasks in judged)
    return ReportResults(
        runs=runs, labels=labels, same_tasks=same_tasks,
        common_tasks=_common_tasks(runs, common) if differs else None,
        paired=_paired(runs[0], runs[1], common) if len(runs) == 2 and common else None,
        warnings=_warnings(runs, labels, same_tasks, common))


def run_labels(runs: list[RunResults]) -> dict[str, str]:
    """Each run's column name: model · pipeline, with the run id added where two runs share one."""
    names = Counter(run.label for run in runs)
    return {run.run_id: run.label if names[run.label] == 1 else f"{run.label} ({run.run_id})" for run in runs}


def _common_tasks(runs: list[RunResults], common: list[str]) -> CommonTasks:
    wanted = set(common)
    return CommonTasks(tasks=common, pass_at_k={
        run.run_id: [pass_at_k_over_tasks([t for t in run.per_task if t.key in wanted], k) for k in run.ks]
        for run in runs})


def _paired(a: RunResults, b: RunResults, common: list[str]) -> PairedComparison:
    def rates(run: RunResults) -> dict[str, TaskOutcome]:
        return {t.key: t for t in run.per_task}

    first, second = rates(a), rates(b)
    tasks = [PairedTask(task_id=first[key].task_id, suite=first[key].suite,
                        a=first[key].passed / first[key].judged, b=second[key].passed / second[key].judged)
             for key in common]
    a_better = sum(t.a > t.b for t in tasks)
    b_better = sum(t.b > t.a for t in tasks)
    return PairedComparison(a=a.run_id, b=b.run_id, tasks=tasks, a_better=a_better, b_better=b_better,
                            ties=len(tasks) - a_better - b_better, sign_test_p=sign_test(a_better, b_better))


def sign_test(wins: int, losses: int) -> float | None:
    """Two-sided exact sign test: the chance of a split at least this uneven if neither side were better."""
    trials = wins + losses
    if not trials:
        return None
    tail = sum(comb(trials, i) for i in range(min(wins, losses) + 1)) / 2 ** trials
    return min(1.0, 2 * tail)


def _warnings(runs: list[RunResults], labels: dict[str, str], same_tasks: bool, common: list[str]) -> list[str]:
    warnings = []
    if not same_tasks:
        sizes = ", ".join(f"{labels[run.run_id]} {run.tasks}" for run in runs)
        compare = (f"compare them on the {len(common)} tasks every run judged (\"Common tasks\"), not on each "
                   "run's own figures" if common else "no task was judged by every run: their figures do not compare")
        warnings.append(f"The runs pose different task sets (tasks: {sizes}): {compare}.")
    for run in runs:
        warnings += _run_warnings(run, labels[run.run_id])
    return warnings


def _run_warnings(run: RunResults, label: str) -> list[str]:
    warnings = []
    if run.state == "not scored":
        warnings.append(f"{label} is not scored: {run.usage.answers} answers, no verdict yet "
                        "(rtlwb bench run with the same options scores them).")
    elif run.state == "no answers":
        warnings.append(f"{label} has no answers.")
    elif run.state == "incomplete":
        short = [task for task in run.incomplete_tasks if task not in run.missing_tasks]
        parts = ([f"without any sample: {', '.join(run.missing_tasks)}"] if run.missing_tasks else []) + (
            [f"short of {run.n} judged samples: {', '.join(short)}"] if short else [])
        warnings.append(f"{label} is incomplete: {len(run.incomplete_tasks)} of {run.tasks} tasks lack samples; "
                        + "; ".join(parts) + ".")
    if run.malformed_tasks:
        listed = "; ".join(f"{task.task} ({task.problem})" for task in run.malformed_tasks)
        fate = "left out (--skip-malformed)" if run.malformed_skipped else "have no samples"
        warnings.append(f"{label}: {len(run.malformed_tasks)} tasks of its suites are malformed and {fate}: {listed}.")
    if run.model_errors.count:
        kinds = ", ".join(f"{kind} {count}" for kind, count in run.model_errors.by_kind.items())
        warnings.append(f"{label}: {run.model_errors.count} samples without an answer after model errors ({kinds}): "
                        "infrastructure errors, not model failures.")
    if run.equivalence is not None and run.equivalence.unchecked:
        warnings.append(f"{label}: {run.equivalence.unchecked} simulation passes have no equivalence verdict yet "
                        "(the run stopped, or a check failed): pass@k (sim + equivalent) counts them as not "
                        "equivalent; run again with the same options to check them.")
    if run.unsandboxed:
        warnings.append(f"{label}: answers were run without the sandbox (--unsafe-no-sandbox): their verdicts could "
                        "have been forged by the answers themselves.")
    return warnings
