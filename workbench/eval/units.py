"""Units of scoring work: distinct candidates of one task, scored together where the executor runs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.log.run import SampleRecord
from workbench.scorer import Result, ScoreOptions, get_scorer, scorer_label
from workbench.task.format import Task


@dataclass(frozen=True)
class Candidate:
    """A distinct answer to score, and the sample it was first given as."""

    sample: int
    key: str  # its candidate_key
    answer: str


@dataclass(frozen=True)
class ScoringUnit:
    """Distinct candidates of one task, scored together where the executor runs them (picklable)."""

    task: Task
    candidates: tuple[Candidate, ...]
    options: ScoreOptions  # the run's; each unit's artefacts go under the run folder
    spec_level: str
    run_folder: Path

    @property
    def label(self) -> str:
        samples = ", ".join(f"#{candidate.sample}" for candidate in self.candidates)
        return f"{self.task.suite}/{self.task.id} {samples}"


def score_unit(unit: ScoringUnit) -> list[SampleRecord]:
    """Score the unit's candidates with the task kind's scorer, all in one call (a scorer that
    batches shares simulator processes between them): one record per candidate, in order."""
    task = unit.task
    scorer = get_scorer(task.kind)
    workdir = unit.run_folder / "artefacts" / f"{task.suite}-{task.id}"
    options = unit.options.model_copy(update={"workdir": workdir})
    results = scorer.score(task, [c.answer for c in unit.candidates], options)
    return [_sample_record(unit, candidate, result, scorer_label(scorer))
            for candidate, result in zip(unit.candidates, results, strict=True)]


def _sample_record(unit: ScoringUnit, candidate: Candidate, result: Result, scorer: str) -> SampleRecord:
    task = unit.task
    artefacts = result.artefacts.relative_to(unit.run_folder) if result.artefacts else None
    return SampleRecord(suite=task.suite, sample=candidate.sample, category=task.config.category,
                        difficulty=task.config.difficulty.value, spec_level=unit.spec_level,
                        candidate_key=candidate.key, scorer=scorer,
                        result=result.model_copy(update={"artefacts": artefacts}))


def split_evenly(items: list, count: int) -> list[list]:
    """``items`` in ``count`` consecutive parts whose sizes differ by at most one."""
    return [items[len(items) * index // count: len(items) * (index + 1) // count] for index in range(count)]
