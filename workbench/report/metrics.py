"""Metrics: unbiased pass@k with bootstrap confidence intervals, breakdowns and failure counts."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable

from pydantic import BaseModel

from workbench.log.run import SampleRecord
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
_COMPILED = {Status.PASS, Status.FAIL_FUNCTIONAL}


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
    tasks: int


class Breakdown(BaseModel):
    group: str
    tasks: int
    pass_at_k: dict[int, float]


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


class Summary(BaseModel):
    samples: int
    tasks: int
    pass_at_k: list[PassAtK]
    by_suite: list[Breakdown]
    by_category: list[Breakdown]
    by_difficulty: list[Breakdown]
    by_spec_level: list[Breakdown]
    status_counts: dict[str, int]
    failure_kinds: dict[str, int]
    compile_rate: float
    extraction_failures: int
    infra_errors: int
    incomplete_tasks: list[str]
    complete: bool
    formal: FormalRates | None = None
    hls: HlsRates | None = None
    errata_excluded: int = 0  # tasks the suites' errata exclude
    pass_at_k_with_errata: list[PassAtK] | None = None  # pass@k without them (None: no erratum applies)


def summarize(samples: Iterable[SampleRecord], ks: list[int], n_expected: int,
              errata_excluded: Collection[str] = frozenset()) -> Summary:
    """Scores of a run. Infrastructure errors are left out of pass@k (they say nothing of the
    model) but are counted and shown, and a task short of ``n_expected`` scored samples makes the
    run incomplete. Tasks in ``errata_excluded`` ("suite/task") count in the "as published" pass@k
    and are left out of the "with errata" one."""
    samples = list(samples)
    by_task: dict[tuple[str, str], list[SampleRecord]] = defaultdict(list)
    for record in samples:
        by_task[(record.suite, record.task_id)].append(record)
    valid = {key: [r for r in records if r.result.status != Status.INFRA_ERROR] for key, records in by_task.items()}
    incomplete = sorted(f"{suite}/{task}" for (suite, task), records in valid.items() if len(records) < n_expected)
    scored = {key: records for key, records in valid.items() if records}
    statuses = Counter(record.result.status.value for record in samples)
    model_judged = [r for r in samples if r.result.status != Status.INFRA_ERROR]

    def breakdown(key: Callable[[SampleRecord], str]) -> list[Breakdown]:
        groups: dict[str, dict] = defaultdict(dict)
        for task_key, records in scored.items():
            groups[key(records[0])][task_key] = records
        return [Breakdown(group=name, tasks=len(members), pass_at_k=_mean_pass_at_k(members, ks))
                for name, members in sorted(groups.items())]

    return Summary(
        samples=len(samples),
        tasks=len(by_task),
        pass_at_k=[_with_interval(scored, k) for k in ks],
        by_suite=breakdown(lambda r: r.suite),
        by_category=breakdown(lambda r: r.category),
        by_difficulty=breakdown(lambda r: r.difficulty),
        by_spec_level=breakdown(lambda r: r.spec_level),
        status_counts=dict(sorted(statuses.items())),
        failure_kinds=dict(sorted(Counter(failure_kind(r) for r in samples if r.result.status != Status.PASS).items())),
        compile_rate=(sum(r.result.status in _COMPILED for r in model_judged) / len(model_judged)
                      if model_judged else 0.0),
        extraction_failures=statuses.get(Status.FAIL_EXTRACT.value, 0),
        infra_errors=statuses.get(Status.INFRA_ERROR.value, 0),
        incomplete_tasks=incomplete,
        complete=not incomplete and len(by_task) > 0,
        formal=formal_rates(model_judged),
        hls=hls_rates(model_judged),
        **_errata_figures(scored, ks, errata_excluded),
    )


def _errata_figures(scored: dict, ks: list[int], errata_excluded: Collection[str]) -> dict:
    excluded = {key for key in scored if f"{key[0]}/{key[1]}" in errata_excluded}
    if not excluded:
        return {}
    kept = {key: records for key, records in scored.items() if key not in excluded}
    return {"errata_excluded": len(excluded), "pass_at_k_with_errata": [_with_interval(kept, k) for k in ks]}


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


def _task_pass_at_k(records: list[SampleRecord], k: int) -> float | None:
    n = len(records)
    if k > n:
        return None
    return pass_at_k(n, sum(r.result.status == Status.PASS for r in records), k)


def _mean_pass_at_k(tasks: dict, ks: list[int]) -> dict[int, float]:
    means = {}
    for k in ks:
        values = [v for v in (_task_pass_at_k(records, k) for records in tasks.values()) if v is not None]
        if values:
            means[k] = sum(values) / len(values)
    return means


def _with_interval(tasks: dict, k: int) -> PassAtK:
    values = [v for v in (_task_pass_at_k(records, k) for records in tasks.values()) if v is not None]
    mean = sum(values) / len(values) if values else 0.0
    low, high = bootstrap_interval(values)
    return PassAtK(k=k, value=mean, low=low, high=high, tasks=len(values))
