"""Units of work on the executor: distinct candidates of one task, scored together
(:class:`ScoringUnit`), and a candidate that passed simulation, compared with the task's reference
(:class:`EquivalenceUnit`). :func:`run_unit` does either."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.answer.extract import extract_verilog
from workbench.errors import WorkbenchError
from workbench.formal.design_equivalence import EquivalenceVerdict, check_equivalence
from workbench.log.run import EquivalenceRecord, SampleRecord
from workbench.scorer import Result, ScoreOptions, get_scorer, scorer_label
from workbench.scorer.result import EquivalenceScore
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


@dataclass(frozen=True)
class EquivalenceUnit:
    """A distinct candidate whose simulation passed, to compare with its task's reference (picklable)."""

    task: Task
    candidate: Candidate
    language: str
    simulated_in: Path | None  # its simulation's artefact folder, relative to the run folder
    run_folder: Path

    @property
    def label(self) -> str:
        return f"{self.task.suite}/{self.task.id} #{self.candidate.sample} (equivalence)"


class EquivalenceHarnessError(WorkbenchError, RuntimeError):
    """The equivalence check could not run (a tool missing, the sandbox): no verdict, the next run tries again."""


WorkUnit = ScoringUnit | EquivalenceUnit


def run_unit(unit: WorkUnit) -> list[SampleRecord] | EquivalenceRecord:
    """The work of either kind of unit, for an executor that runs one function."""
    return check_unit(unit) if isinstance(unit, EquivalenceUnit) else score_unit(unit)


# Suites whose simulation passes are compared with the reference unless told otherwise: the built-in
# suite, whose references and [equivalence] sections are made for it (docs/equivalence.md).
EQUIVALENCE_BY_DEFAULT = frozenset({"accel"})


def compares_with_reference(task: Task, switch: bool | None = None) -> bool:
    """Whether ``task``'s simulation passes get the equivalence check: as ``switch`` says (None:
    for the suites of :data:`EQUIVALENCE_BY_DEFAULT`), and only when its answers are designs with
    a reference to compare them with."""
    wanted = task.suite in EQUIVALENCE_BY_DEFAULT if switch is None else switch
    return wanted and task.kind in (TaskKind.SPEC_TO_RTL, TaskKind.COMPLETION) and task.reference_path.is_file()


def check_unit(unit: EquivalenceUnit) -> EquivalenceRecord:
    """Compare the unit's candidate with the reference (every Yosys run sandboxed). Raises
    :class:`EquivalenceHarnessError` when the harness fails, so that nothing is recorded."""
    task = unit.task
    folder = equivalence_folder(task, unit.run_folder / "artefacts" / f"{task.suite}-{task.id}")
    simulated = unit.run_folder / unit.simulated_in if unit.simulated_in else None
    verdict = equivalence_to_reference(task, unit.candidate.answer, unit.language, simulated, folder)
    if verdict.infra is not None:
        raise EquivalenceHarnessError(verdict.infra)
    return EquivalenceRecord(suite=task.suite, task_id=task.id, candidate_key=unit.candidate.key,
                             sample=unit.candidate.sample, equivalence=EquivalenceScore.of(verdict),
                             artefacts=folder.relative_to(unit.run_folder))


def equivalence_folder(task: Task, parent: Path) -> Path:
    """A fresh folder under ``parent`` for one equivalence check's scripts, logs and counterexample."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{task.id}-equivalence-", dir=parent))


def equivalence_to_reference(task: Task, answer: str, language: str, simulated: Path | None,
                           folder: Path) -> EquivalenceVerdict:
    """The equivalence check, in ``folder``, of the design the simulation judged: the answer's
    Verilog, or a Chisel answer's elaborated and wrapped Verilog, which its simulation kept in its
    artefact folder ``simulated``."""
    if language != "chisel":
        return check_equivalence(task, extract_verilog(answer).code, folder)
    kept = simulated / "candidate.sv" if simulated is not None else None
    if kept is None or not kept.is_file():
        return EquivalenceVerdict(status="unsupported",
                                  reason="the elaborated Chisel design is not in the simulation's artefacts")
    return check_equivalence(task, kept.read_text(), folder)


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
