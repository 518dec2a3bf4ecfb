"""The rtl-optimize scorer: an answer passes when its design passes the task's tests, is formally
equivalent to the given design, and is better than it on the task's goal (docs/optimize.md).

The stages, each only for the answers that passed the one before:

1. the simulation scorer, as for spec-to-rtl tasks (extraction, checks, build, the task's tests);
2. the equivalence checker against the given design (:mod:`workbench.formal.design_equivalence`):
   proven, or without a difference to the task's bounded depth; anything else is
   ``fail_equivalence``, a difference with its counterexample;
3. synthesis (:mod:`workbench.synth`) of the answer, beside the given design's and the reference's
   figures: the goal's figure must be at least ``min_gain`` below the given design's, else
   ``fail_not_better``.

The given design and the reference are synthesised once per machine (the figures cache): their
recipes and texts do not change between answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.answer.extract import extract_verilog
from workbench.formal.design_equivalence import check_equivalence
from workbench.scorer import simulation
from workbench.scorer._scorer import ScoreOptions, answer_folder, simulator_of
from workbench.scorer.result import EquivalenceScore, OptimizationScore, Result, Status, SynthesisScore
from workbench.synth.figures import SynthFigures, task_figures
from workbench.task.format import Task

# What each goal measures, from one design's synthesis figures.
GOAL_FIGURES = {"area": "transistors", "delay": "aig_levels", "area-delay": "transistors x aig_levels"}


def goal_figure(figures: SynthFigures, goal: str) -> float:
    """The figure the goal ``goal`` asks to lower (lower is better)."""
    if goal == "area":
        return figures.transistors
    if goal == "delay":
        return figures.aig_levels
    return figures.transistors * figures.aig_levels


class OptimizeScorer:
    """rtl-optimize tasks: tests, then equivalence to the given design, then the goal's figure."""

    name = "optimize"
    version = 1
    batches = True

    def check(self, task: Task, options: ScoreOptions) -> None:
        simulator_of(task, options)

    def score(self, task: Task, answers: Sequence[str], options: ScoreOptions) -> list[Result]:
        results = simulation.score_many(task, answers, simulator_of(task, options), options)
        baseline: _Baseline | None = None
        for answer, result in zip(answers, results, strict=True):
            if result.passed:
                baseline = baseline or _baseline(task, options)
                _judge(task, extract_verilog(answer).code, result, baseline, options)
        return results


@dataclass(frozen=True)
class _Baseline:
    """What every answer of a task is measured against: the given design's and the reference's figures."""

    score: OptimizationScore  # without the answer's figure
    reference: SynthFigures


def _baseline(task: Task, options: ScoreOptions) -> _Baseline:
    settings = task.config.optimize
    assert settings is not None, "an rtl-optimize task has an [optimize] table (TaskConfig checks)"
    folder = answer_folder(task, options.workdir, "baseline")
    given = task_figures(task, task.given_text(), folder / "given")
    reference = task_figures(task, task.reference_text(), folder / "reference")
    score = OptimizationScore(goal=settings.goal, figure=GOAL_FIGURES[settings.goal], min_gain=settings.min_gain,
                              given=goal_figure(given, settings.goal) if given.status == "ok" else 0.0,
                              reference=goal_figure(reference, settings.goal) if reference.status == "ok" else None,
                              given_synthesis=given)
    return _Baseline(score, reference)


def _judge(task: Task, code: str, result: Result, baseline: _Baseline, options: ScoreOptions) -> None:
    """Turn a simulation pass into the task's verdict: equivalence, then the goal's figure."""
    result.optimization = baseline.score.model_copy()
    given = baseline.score.given_synthesis
    if given is None or given.status != "ok":
        result.conclude(Status.INFRA_ERROR, f"the given design has no synthesis figures: "
                                            f"{given.reason if given else 'not synthesised'}")
        return
    folder = answer_folder(task, options.workdir, "optimize")
    verdict = check_equivalence(task, code, folder / "equivalence", golden=task.given_text(),
                                simulator=result.simulator)
    result.equivalence = EquivalenceScore.of(verdict)
    if verdict.infra is not None:
        result.conclude(Status.INFRA_ERROR, f"the equivalence check could not run: {verdict.infra}")
        return
    if not result.equivalence.agrees:
        result.conclude(Status.FAIL_EQUIVALENCE, f"not equivalent to the given design: {verdict.label}"
                        + (f": {verdict.reason}" if verdict.reason else ""), result.equivalence.counterexample)
        return
    figures = task_figures(task, code, folder / "synthesis")
    result.synthesis = SynthesisScore(answer=figures, reference=baseline.reference)
    if figures.status != "ok":
        result.conclude(Status.INFRA_ERROR if figures.infra else Status.FAIL_NOT_BETTER,
                        f"equivalent ({verdict.label}), but no synthesis figures: {figures.reason}")
        return
    _compare(result, baseline.score, goal_figure(figures, baseline.score.goal), verdict.label)


def _compare(result: Result, baseline: OptimizationScore, answer: float, equivalence: str) -> None:
    improvement = 1 - answer / baseline.given if baseline.given else 0.0
    versus = answer / baseline.reference if baseline.reference else None
    result.optimization = baseline.model_copy(update={"answer": answer, "improvement": round(improvement, 4),
                                                      "versus_reference": None if versus is None else round(versus, 4)})
    figures = (f"{baseline.figure} {answer:g} against the given design's {baseline.given:g}"
               + (f" and the reference's {baseline.reference:g}" if baseline.reference is not None else ""))
    if improvement + 1e-9 >= baseline.min_gain:
        result.conclude(Status.PASS, f"equivalent ({equivalence}) and {improvement:.1%} better: {figures}")
    else:
        result.conclude(Status.FAIL_NOT_BETTER, f"equivalent ({equivalence}) but not better: {figures} "
                                                f"(at least {baseline.min_gain:.0%} lower is asked)")
