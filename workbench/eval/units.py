"""Units of scoring work: distinct candidates of one task, scored together where the executor runs them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.log.run import SampleRecord
from workbench.scorer.assertion import score_assertions
from workbench.scorer.hls_debug import score_fix
from workbench.scorer.result import Result
from workbench.scorer.simulation import ScoreOptions, score_many
from workbench.task.format import Task, TaskKind


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
    simulator: str
    language: str
    spec_level: str
    run_folder: Path

    @property
    def label(self) -> str:
        samples = ", ".join(f"#{candidate.sample}" for candidate in self.candidates)
        return f"{self.task.suite}/{self.task.id} {samples}"


_SCORED_ONE_BY_ONE = (TaskKind.ASSERTION, TaskKind.NL2SVA, TaskKind.HLS_DEBUG)


def score_unit(unit: ScoringUnit) -> list[SampleRecord]:
    """Score the unit's candidates: one record per candidate, in order. Cocotb and HDL answers go
    to :func:`score_many` together (on Icarus it shares simulator processes between them)."""
    task = unit.task
    workdir = unit.run_folder / "artefacts" / f"{task.suite}-{task.id}"
    if task.kind in (TaskKind.ASSERTION, TaskKind.NL2SVA):
        results = [score_assertions(task, c.answer, workdir / f"sample{c.sample}") for c in unit.candidates]
    elif task.kind == TaskKind.HLS_DEBUG:
        results = [score_fix(task, c.answer, workdir / f"sample{c.sample}") for c in unit.candidates]
    else:
        results = score_many(task, [c.answer for c in unit.candidates], unit.simulator,
                             ScoreOptions(workdir=workdir, language=unit.language))
    return [_sample_record(unit, candidate, result) for candidate, result in zip(unit.candidates, results, strict=True)]


def _sample_record(unit: ScoringUnit, candidate: Candidate, result: Result) -> SampleRecord:
    task = unit.task
    artefacts = str(result.artefacts.relative_to(unit.run_folder)) if result.artefacts else None
    return SampleRecord(task_id=task.id, suite=task.suite, sample=candidate.sample,
                        category=task.config.category, difficulty=task.config.difficulty.value,
                        spec_level=unit.spec_level, status=result.status,
                        tests_run=result.tests_run, tests_failed=result.tests_failed, message=result.message,
                        diagnostics=result.diagnostics, candidate_key=candidate.key, artefacts=artefacts, seed=result.seed,
                        durations_s={stage.value: seconds for stage, seconds in result.durations_s.items()},
                        formal=result.formal, hls=result.hls, isolation=result.isolation)


def split_evenly(items: list, count: int) -> list[list]:
    """``items`` in ``count`` consecutive parts whose sizes differ by at most one."""
    return [items[len(items) * index // count: len(items) * (index + 1) // count] for index in range(count)]
