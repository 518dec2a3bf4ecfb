"""Quality of results: the synthesis figures of passing designs beside their references', and the
rtl-optimize figures (equivalent and better, mean improvement, equivalent but not better)."""

from __future__ import annotations

import statistics
from collections import defaultdict

from pydantic import BaseModel

from workbench.log.run import SampleRecord
from workbench.scorer.result import Status

# The figures reports compare with the reference's, in the order they show them.
SYNTHESIS_FIGURES = ("transistors", "aig_levels", "luts", "flip_flops")
FIGURE_NAMES = {"transistors": "transistors", "aig_levels": "AIG levels", "luts": "LUT-6", "flip_flops": "flip-flops"}


class RatioSpread(BaseModel):
    """One figure of the passes over their reference's: below 1, smaller or shallower than the reference."""

    figure: str
    samples: int  # passes with the figure on both sides
    median: float
    low: float  # the smallest ratio
    high: float  # the largest


class TaskSynthesis(BaseModel):
    """One task's passes, synthesised: the reference's figures and the median of the passes'."""

    suite: str
    task_id: str
    passes: int  # passes with figures
    reference: dict[str, int]
    median: dict[str, float]


class SynthesisCounts(BaseModel):
    """The synthesis figures of simulation passes (each sample counts, identical answers share figures)."""

    passes: int  # passes of the tasks whose passes are synthesised
    synthesised: int  # with figures
    unsupported: int  # Yosys could not synthesise them (docs/synthesis.md)
    missing: int  # no figures yet (the run stopped, or the harness failed): run again to add them
    ratios: list[RatioSpread]
    per_task: list[TaskSynthesis]


def synthesis_counts(samples: list[SampleRecord], synthesised_tasks: set[str]) -> SynthesisCounts | None:
    """The figures of the passes of ``synthesised_tasks`` ("suite/task") and of every pass that has
    some (rtl-optimize answers); None when there are none of either."""
    passes = [r for r in samples if r.result.status == Status.PASS
              and (f"{r.suite}/{r.task_id}" in synthesised_tasks or r.result.synthesis is not None)]
    if not passes:
        return None
    with_figures = [r for r in passes if r.result.synthesis is not None]
    ok = [r for r in with_figures if r.result.synthesis is not None and r.result.synthesis.answer.status == "ok"]
    return SynthesisCounts(passes=len(passes), synthesised=len(ok), unsupported=len(with_figures) - len(ok),
                           missing=len(passes) - len(with_figures), ratios=_spreads(ok), per_task=_per_task(ok))


def _spreads(records: list[SampleRecord]) -> list[RatioSpread]:
    spreads = []
    for figure in SYNTHESIS_FIGURES:
        ratios = [ratio for r in records if r.result.synthesis is not None
                  and (ratio := r.result.synthesis.ratio(figure)) is not None]
        if ratios:
            spreads.append(RatioSpread(figure=figure, samples=len(ratios), median=round(statistics.median(ratios), 4),
                                       low=min(ratios), high=max(ratios)))
    return spreads


def _per_task(records: list[SampleRecord]) -> list[TaskSynthesis]:
    by_task: dict[tuple[str, str], list[SampleRecord]] = defaultdict(list)
    for record in records:
        by_task[(record.suite, record.task_id)].append(record)
    tasks = []
    for (suite, task_id), members in by_task.items():
        scores = [r.result.synthesis for r in members if r.result.synthesis is not None]
        reference = scores[0].reference
        tasks.append(TaskSynthesis(
            suite=suite, task_id=task_id, passes=len(scores),
            reference=({f: getattr(reference, f) for f in SYNTHESIS_FIGURES}
                       if reference is not None and reference.status == "ok" else {}),
            median={f: statistics.median(getattr(s.answer, f) for s in scores) for f in SYNTHESIS_FIGURES}))
    return tasks


class OptimizeRates(BaseModel):
    """Answers to rtl-optimize tasks (samples judged on their merit)."""

    samples: int
    passed: int  # tests pass, equivalent to the given design, and better on the goal
    equivalent_not_better: float  # share of the samples: equivalent, but not better
    not_equivalent: float  # share of the samples: pass the tests, but not proven equivalent
    mean_improvement: float | None  # over the passes: the share of the given design's figure saved
    mean_versus_reference: float | None  # over the passes: the figure over the expert reference's


def optimize_rates(samples: list[SampleRecord]) -> OptimizeRates | None:
    judged = [r for r in samples if r.result.optimization is not None or _is_optimize(r)]
    judged = [r for r in judged if r.result.status != Status.INFRA_ERROR]
    if not judged:
        return None
    passes = [r.result.optimization for r in judged if r.result.status == Status.PASS and r.result.optimization]
    improvements = [o.improvement for o in passes if o.improvement is not None]
    versus = [o.versus_reference for o in passes if o.versus_reference is not None]
    return OptimizeRates(
        samples=len(judged), passed=len(passes),
        equivalent_not_better=sum(r.result.status == Status.FAIL_NOT_BETTER for r in judged) / len(judged),
        not_equivalent=sum(r.result.status == Status.FAIL_EQUIVALENCE for r in judged) / len(judged),
        mean_improvement=round(statistics.mean(improvements), 4) if improvements else None,
        mean_versus_reference=round(statistics.mean(versus), 4) if versus else None)


def _is_optimize(record: SampleRecord) -> bool:
    return record.scorer.partition("@")[0] == "optimize"
