"""Metrics: unbiased pass@k with bootstrap confidence intervals, breakdowns and failure counts; the
second pass@k of simulation passes that the equivalence check also accepts, and its testbench gaps."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, computed_field

from workbench.log.run import SampleRecord
from workbench.report.qor import OptimizeRates, SynthesisCounts, optimize_rates, synthesis_counts
from workbench.scorer.result import Status

# Finer causes of compile and functional failures, first match wins (VerilogEval-style taxonomy).
_FAILURE_KINDS = (
    (Status.FAIL_COMPILE, re.compile(r"^Scala compile error"), "chisel: scala compile error"),
    (Status.FAIL_COMPILE, re.compile(r"^Chisel elaboration error"), "chisel: elaboration error"),
    (Status.FAIL_COMPILE, re.compile(r"^firtool error"), "chisel: firtool error"),
    (Status.FAIL_COMPILE, re.compile(r"^Verilator lint"), "lint error"),
    (Status.FAIL_COMPILE, re.compile(r"^forbidden: |not allowed"), "forbidden construct"),
    (Status.FAIL_COMPILE, re.compile(r"syntax error", re.I), "syntax error"),
    (Status.FAIL_COMPILE, re.compile(r"unknown module|Cannot find file containing module|not found while elaborating",
                                     re.I), "unknown module"),
    (Status.FAIL_COMPILE, re.compile(r"not declared|undeclared|unable to bind|can't find definition", re.I),
     "undeclared identifier"),
    (Status.FAIL_COMPILE, re.compile(r"not a valid l-value|procedural assignment to a non-register|PROCASSWIRE", re.I),
     "assignment to a wire"),
    (Status.FAIL_COMPILE, re.compile(r"width|WIDTH", re.I), "width mismatch"),
    (Status.FAIL_FUNCTIONAL, re.compile(r"SimTimeoutError|timed out", re.I), "no response in simulated time"),
    (Status.FAIL_FUNCTIONAL, re.compile(r"unresolved bits|ValueError", re.I), "X or Z on an output"),
    (Status.FAIL_FUNCTIONAL, re.compile(r"ended prematurely", re.I), "simulation ended early"),
)


def failure_kind(record: SampleRecord) -> str:
    """A sample's verdict, refined for compile and functional failures."""
    result = record.result
    for status, pattern, kind in _FAILURE_KINDS:
        if result.status == status and pattern.search(result.message):
            return f"{status.value}: {kind}"
    if result.status in (Status.FAIL_COMPILE, Status.FAIL_FUNCTIONAL):
        return f"{result.status.value}: {'wrong values' if result.status == Status.FAIL_FUNCTIONAL else 'other'}"
    return result.status.value


# Reaching the simulator means the candidate parsed, elaborated and compiled.
_SIMULATED = ("simulation", "optimize")  # the judges that build and simulate a design
_COMPILED = {Status.PASS, Status.FAIL_FUNCTIONAL, Status.FAIL_EQUIVALENCE, Status.FAIL_NOT_BETTER}


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimator 1 - C(n-c, k) / C(n, k), as a product for numerical stability."""
    if not 0 <= c <= n or not 1 <= k <= n:
        raise ValueError(f"pass@k needs 0 <= c <= n and 1 <= k <= n (n={n}, c={c}, k={k})")
    if n - c < k:
        return 1.0
    product = 1.0
    for i in range(n - c + 1, n + 1):
        product *= 1.0 - k / i
    return 1.0 - product


def bootstrap_interval(values: list[float], iterations: int = 2000, seed: int = 0,
                       level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (tasks resampled with replacement)."""
    if not values:
        return (0.0, 0.0)
    generator = random.Random(seed)
    means = sorted(sum(generator.choices(values, k=len(values))) / len(values) for _ in range(iterations))
    low = means[int((1 - level) / 2 * iterations)]
    high = means[min(iterations - 1, int((1 + level) / 2 * iterations))]
    return (low, high)


class PassAtK(BaseModel):
    k: int
    value: float
    low: float
    high: float
    tasks: int  # tasks with at least k judged samples: the ones the mean is over


class Breakdown(BaseModel):
    group: str
    tasks: int
    pass_at_k: dict[int, float]
    ci95: dict[int, tuple[float, float]] = {}  # the 95% bootstrap interval of each pass@k


# What a task's samples came to: every judged sample passed, none, some; only infrastructure errors; no sample at all.
TaskOutcomeName = Literal["pass", "fail", "partial", "infra_error", "missing"]


class TaskOutcome(BaseModel):
    """One task of a run: its recorded samples, those judged on the answer's merit, and the passes."""

    task_id: str
    suite: str
    category: str = ""  # "" for a task without any sample (its records carry these)
    difficulty: str = ""
    scorer: str = ""  # the judge's name: simulation, formal, hls
    samples: int = 0  # recorded samples, infrastructure errors included
    judged: int = 0  # the n of pass@k: infrastructure errors left out
    passed: int = 0
    # passes whose design is equivalent to the reference (or shows no difference within the bound);
    # None: the run does not compare this task's passes with its reference
    equivalent: int | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def outcome(self) -> TaskOutcomeName:
        if not self.samples:
            return "missing"
        if not self.judged:
            return "infra_error"
        return "pass" if self.passed == self.judged else "fail" if not self.passed else "partial"

    @property
    def key(self) -> str:
        return f"{self.suite}/{self.task_id}"


class FormalRates(BaseModel):
    """Assertion and nl2sva samples, as the open formal judge saw them (means over samples; the
    per-assertion rates are over each sample's assertions)."""

    samples: int
    syntax_ok: float  # the properties parsed and elaborated with the design
    supported: float
    proven: float
    cex: float
    vacuous: float
    kill_rate: float | None  # mutants killed / mutants tried, over assertion samples that tried some
    equivalent: float | None  # nl2sva samples equivalent to the reference
    judge: str = "open formal judge (Yosys, SymbiYosys, yices): not comparable to commercial tools' figures"


class HlsRates(BaseModel):
    """hls-debug samples: bug localization and naming, apart from whether the fix passes."""

    samples: int
    line_top1: float
    line_top3: float
    type_accuracy: float


EQUIVALENCE_STATUSES = ("equivalent", "equivalent-bounded", "different", "differs-only-in-x", "unknown", "unsupported")


class EquivalenceGap(BaseModel):
    """A sample that passed the testbench but whose design differs from the reference: a testbench gap."""

    task_id: str
    suite: str
    sample: int
    shared_from: int | None = None  # the sample whose identical candidate was checked
    label: str  # the checker's verdict
    reason: str
    counterexample: str  # the input sequence and both designs' outputs, one line per cycle


class EquivalenceCounts(BaseModel):
    """The equivalence check of simulation passes: its verdicts (samples), and where they differ."""

    tasks: int  # the tasks whose passes are compared with the reference
    passes: int  # simulation passes of those tasks
    by_status: dict[str, int]  # passes per equivalence status (every status, zeros included)
    unchecked: int  # passes without an equivalence verdict yet (counted as not equivalent)
    passed_not_equivalent: list[EquivalenceGap]  # the ``different`` passes, in the run's task order


class Summary(BaseModel):
    samples: int
    tasks: int  # the tasks of the run (those it poses when known, else those with records)
    pass_at_k: list[PassAtK]  # one per k that some task has k judged samples for
    by_suite: list[Breakdown]
    by_category: list[Breakdown]
    by_difficulty: list[Breakdown]
    by_spec_level: list[Breakdown]  # simulated tasks only: the other judges' prompts hold no spec of varying detail
    status_counts: dict[str, int]
    failure_kinds: dict[str, int]
    compile_rate: float | None  # simulated samples that compiled; None: no simulated sample
    extraction_failures: int
    infra_errors: int
    incomplete_tasks: list[str]  # "suite/task" short of n judged samples, the missing ones included
    missing_tasks: list[str] = []  # "suite/task" of the run without any sample recorded
    complete: bool
    per_task: list[TaskOutcome] = []  # in the run's task order
    judges: dict[str, int] = {}  # samples per judge (simulation, formal, hls)
    formal: FormalRates | None = None
    hls: HlsRates | None = None
    errata_excluded: int = 0  # tasks the suites' errata exclude
    pass_at_k_with_errata: list[PassAtK] | None = None  # pass@k without them (None: no erratum applies)
    # pass@k of samples that pass simulation and are equivalent (or bounded-equivalent) to the
    # reference, over the tasks the run compares; None with ``equivalence``: the run compares none
    pass_at_k_equivalent: list[PassAtK] | None = None
    equivalence: EquivalenceCounts | None = None
    synthesis: SynthesisCounts | None = None  # the synthesis figures of passes beside the references'
    optimize: OptimizeRates | None = None  # rtl-optimize samples


def summarize(samples: Iterable[SampleRecord], ks: list[int], n_expected: int,
              errata_excluded: Collection[str] = frozenset(), planned: Sequence[str] | None = None,
              equivalence: Collection[str] = frozenset(), synthesis: Collection[str] = frozenset()) -> Summary:
    """Scores of a run. Infrastructure errors are left out of pass@k (they say nothing of the
    model) but are counted and shown, and a task short of ``n_expected`` judged samples makes the
    run incomplete. ``planned`` ("suite/task", in order) are the tasks the run poses: one without
    any sample is missing, never left out (None: the tasks that have samples). Tasks in
    ``errata_excluded`` count in the "as published" pass@k and are left out of the "with errata"
    one. Tasks in ``equivalence`` have their passes compared with the reference: they make the
    second pass@k (simulation and equivalent). Tasks in ``synthesis`` have their passes synthesised."""
    samples = list(samples)
    per_task = _task_outcomes(samples, planned, frozenset(equivalence))
    scored = [t for t in per_task if t.judged]
    incomplete = [t.key for t in per_task if t.judged < n_expected]
    statuses = Counter(record.result.status.value for record in samples)
    simulated = [r for r in samples if judge_of(r) in _SIMULATED and r.result.status != Status.INFRA_ERROR]
    model_judged = [r for r in samples if r.result.status != Status.INFRA_ERROR]

    def breakdown(key: Callable[[TaskOutcome], str], tasks: list[TaskOutcome] = scored) -> list[Breakdown]:
        groups: dict[str, list[TaskOutcome]] = defaultdict(list)
        for task in tasks:
            groups[key(task)].append(task)
        return [_breakdown(name, members, ks) for name, members in sorted(groups.items())]

    spec_levels = {(r.suite, r.task_id): r.spec_level for r in simulated}
    figures = [figure for figure in (pass_at_k_over_tasks(scored, k) for k in ks) if figure.tasks]
    return Summary(
        samples=len(samples),
        tasks=len(per_task),
        pass_at_k=figures,
        by_suite=breakdown(lambda t: t.suite),
        by_category=breakdown(lambda t: t.category),
        by_difficulty=breakdown(lambda t: t.difficulty),
        by_spec_level=breakdown(lambda t: spec_levels[(t.suite, t.task_id)],
                                [t for t in scored if (t.suite, t.task_id) in spec_levels]),
        status_counts=dict(sorted(statuses.items())),
        failure_kinds=dict(sorted(Counter(failure_kind(r) for r in samples if r.result.status != Status.PASS).items())),
        compile_rate=sum(r.result.status in _COMPILED for r in simulated) / len(simulated) if simulated else None,
        extraction_failures=statuses.get(Status.FAIL_EXTRACT.value, 0),
        infra_errors=statuses.get(Status.INFRA_ERROR.value, 0),
        incomplete_tasks=incomplete,
        missing_tasks=[t.key for t in per_task if t.outcome == "missing"],
        complete=not incomplete and len(per_task) > 0,
        per_task=per_task,
        judges=dict(sorted(Counter(judge_of(r) for r in samples).items())),
        formal=formal_rates(model_judged),
        hls=hls_rates(model_judged),
        **_errata_figures(scored, [f.k for f in figures], errata_excluded),
        **_equivalence_figures(samples, per_task, [f.k for f in figures]),
        synthesis=synthesis_counts(samples, set(synthesis)),
        optimize=optimize_rates(model_judged),
    )


def judge_of(record: SampleRecord) -> str:
    """The name of the judge of a sample (records of versions that did not name it: by its figures)."""
    if record.scorer:
        return record.scorer.partition("@")[0]
    return "formal" if record.result.formal is not None else "hls" if record.result.hls is not None else "simulation"


def _task_outcomes(samples: list[SampleRecord], planned: Sequence[str] | None,
                   compared: frozenset[str]) -> list[TaskOutcome]:
    """One outcome per task: the planned ones in their order, then any other task with records;
    those in ``compared`` count their equivalent passes."""
    by_task: dict[tuple[str, str], list[SampleRecord]] = defaultdict(list)
    for record in samples:
        by_task[(record.suite, record.task_id)].append(record)
    order = [_split_task_key(key) for key in planned or ()]
    order += sorted(set(by_task) - set(order))
    outcomes = []
    for suite, task_id in order:
        records = by_task.get((suite, task_id), [])
        judged = [r for r in records if r.result.status != Status.INFRA_ERROR]
        first = records[0] if records else None
        outcomes.append(TaskOutcome(
            task_id=task_id, suite=suite, category=first.category if first else "",
            difficulty=first.difficulty if first else "", scorer=judge_of(first) if first else "",
            samples=len(records), judged=len(judged), passed=sum(r.result.status == Status.PASS for r in judged),
            equivalent=sum(_agrees(r) for r in judged) if f"{suite}/{task_id}" in compared else None))
    return outcomes


def _agrees(record: SampleRecord) -> bool:
    """Whether a sample passes simulation and the equivalence check accepts it."""
    equivalence = record.result.equivalence
    return record.result.passed and equivalence is not None and equivalence.agrees


def _equivalence_figures(samples: list[SampleRecord], per_task: list[TaskOutcome], ks: list[int]) -> dict:
    """The second pass@k (simulation and equivalent), for the same ks as the first, and the
    equivalence verdicts of the passes; nothing when the run compares no task."""
    compared = [t for t in per_task if t.equivalent is not None]
    if not compared:
        return {}
    keys = {t.key for t in compared}
    order = {key: position for position, key in enumerate(keys)}
    passes = sorted((r for r in samples if r.result.passed and f"{r.suite}/{r.task_id}" in keys),
                    key=lambda r: (order[f"{r.suite}/{r.task_id}"], r.sample))
    verdicts = [r.result.equivalence for r in passes if r.result.equivalence is not None]
    statuses: Counter[str] = Counter(v.status for v in verdicts)
    gaps = [EquivalenceGap(task_id=r.task_id, suite=r.suite, sample=r.sample, shared_from=r.shared_from,
                           label=r.result.equivalence.label, reason=r.result.equivalence.reason,
                           counterexample=r.result.equivalence.counterexample)
            for r in passes if r.result.equivalence is not None and r.result.equivalence.counterexample]
    accepted = [t.model_copy(update={"passed": t.equivalent}) for t in compared]
    return {"pass_at_k_equivalent": [pass_at_k_over_tasks(accepted, k) for k in ks],
            "equivalence": EquivalenceCounts(tasks=len(compared), passes=len(passes),
                                             by_status={s: statuses[s] for s in EQUIVALENCE_STATUSES},
                                             unchecked=len(passes) - len(verdicts), passed_not_equivalent=gaps)}


def _split_task_key(key: str) -> tuple[str, str]:
    suite, _, task_id = key.rpartition("/")
    return suite, task_id


def _breakdown(group: str, tasks: list[TaskOutcome], ks: list[int]) -> Breakdown:
    figures = [figure for figure in (pass_at_k_over_tasks(tasks, k) for k in ks) if figure.tasks]
    return Breakdown(group=group, tasks=len(tasks), pass_at_k={f.k: f.value for f in figures},
                     ci95={f.k: (f.low, f.high) for f in figures})


def _errata_figures(scored: list[TaskOutcome], ks: list[int], errata_excluded: Collection[str]) -> dict:
    """The "with errata" figures, for the same ks as the "as published" ones (a row of each per k)."""
    kept = [t for t in scored if t.key not in errata_excluded]
    if len(kept) == len(scored):
        return {}
    return {"errata_excluded": len(scored) - len(kept),
            "pass_at_k_with_errata": [pass_at_k_over_tasks(kept, k) for k in ks]}


def pass_at_k_over_tasks(tasks: Iterable[TaskOutcome], k: int) -> PassAtK:
    """The mean pass@k over the tasks with at least ``k`` judged samples, with its 95% bootstrap
    interval (``tasks`` 0 and value 0.0 when there is none: callers show no figure then)."""
    values = [pass_at_k(t.judged, t.passed, k) for t in tasks if t.judged >= k]
    mean = sum(values) / len(values) if values else 0.0
    low, high = bootstrap_interval(values)
    return PassAtK(k=k, value=mean, low=low, high=high, tasks=len(values))


def hls_rates(samples: list[SampleRecord]) -> HlsRates | None:
    scored = [r.result.hls for r in samples if r.result.hls is not None]
    if not scored:
        return None
    return HlsRates(samples=len(scored), line_top1=sum(h.line_top1 for h in scored) / len(scored),
                    line_top3=sum(h.line_top3 for h in scored) / len(scored),
                    type_accuracy=sum(h.type_correct for h in scored) / len(scored))


def formal_rates(samples: list[SampleRecord]) -> FormalRates | None:
    judged = [r.result.formal for r in samples if r.result.formal is not None]
    if not judged:
        return None

    def per_assertion(count: Callable) -> float:
        return sum(count(f) / f.assertions for f in judged if f.assertions) / len(judged)

    tried = [f for f in judged if f.mutants]
    related = [f for f in judged if f.relation is not None]
    return FormalRates(
        samples=len(judged), syntax_ok=sum(f.parsed for f in judged) / len(judged),
        supported=per_assertion(lambda f: f.supported), proven=per_assertion(lambda f: f.proven),
        cex=per_assertion(lambda f: f.cex), vacuous=per_assertion(lambda f: f.vacuous),
        kill_rate=sum(f.killed for f in tried) / sum(f.mutants for f in tried) if tried else None,
        equivalent=sum(f.relation == "equivalent" for f in related) / len(related) if related else None)
