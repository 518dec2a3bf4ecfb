"""Units of work on the executor: distinct candidates of one task, scored together
(:class:`ScoringUnit`), and a candidate that passed simulation, compared with the task's reference
(:class:`EquivalenceUnit`) or synthesised beside it (:class:`SynthesisUnit`). :func:`run_unit`
does any of them."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.answer.extract import extract_verilog
from workbench.errors import WorkbenchError
from workbench.formal.design_equivalence import EquivalenceVerdict, check_equivalence
from workbench.log.run import EquivalenceRecord, SampleRecord, SynthesisRecord
from workbench.scorer import Result, ScoreOptions, get_scorer, scorer_label
from workbench.scorer.result import EquivalenceScore, SynthesisScore
from workbench.synth.figures import SynthFigures, task_figures
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
class PassUnit:
    """A distinct candidate whose simulation passed, for a check that follows a pass (picklable)."""

    task: Task
    candidate: Candidate
    language: str
    simulated_in: Path | None  # its simulation's artefact folder, relative to the run folder
    run_folder: Path

    work = "check"

    @property
    def label(self) -> str:
        return f"{self.task.suite}/{self.task.id} #{self.candidate.sample} ({self.work})"

    @property
    def task_folder(self) -> Path:
        return self.run_folder / "artefacts" / f"{self.task.suite}-{self.task.id}"

    @property
    def simulated(self) -> Path | None:
        return self.run_folder / self.simulated_in if self.simulated_in is not None else None

    def run(self) -> EquivalenceRecord | SynthesisRecord:
        raise NotImplementedError  # each check's subclass does its own work


class EquivalenceUnit(PassUnit):
    """A pass to compare with its task's reference."""

    work = "equivalence"

    def run(self) -> EquivalenceRecord:
        return check_unit(self)


class SynthesisUnit(PassUnit):
    """A pass to synthesise, beside its task's reference."""

    work = "synthesis"

    def run(self) -> SynthesisRecord:
        return synthesize_unit(self)


class PassCheckHarnessError(WorkbenchError, RuntimeError):
    """A check of a pass could not run (a tool missing, the sandbox): no verdict, the next run tries again."""


WorkUnit = ScoringUnit | PassUnit


def run_unit(unit: WorkUnit) -> list[SampleRecord] | EquivalenceRecord | SynthesisRecord:
    """The work of any kind of unit, for an executor that runs one function."""
    return unit.run() if isinstance(unit, PassUnit) else score_unit(unit)


# Suites whose simulation passes are compared with the reference and synthesised unless told
# otherwise: the built-in suite, whose references and [equivalence] sections are made for it
# (docs/equivalence.md, docs/synthesis.md).
EQUIVALENCE_BY_DEFAULT = frozenset({"accel"})
SYNTHESIS_BY_DEFAULT = EQUIVALENCE_BY_DEFAULT


def compares_with_reference(task: Task, switch: bool | None = None) -> bool:
    """Whether ``task``'s simulation passes get the equivalence check: as ``switch`` says (None:
    for the suites of :data:`EQUIVALENCE_BY_DEFAULT`), and only when its answers are designs with
    a reference to compare them with."""
    return _after_pass(task, switch, EQUIVALENCE_BY_DEFAULT)


def synthesizes(task: Task, switch: bool | None = None) -> bool:
    """Whether ``task``'s simulation passes get synthesis figures beside the reference's: as
    ``switch`` says (None: for the suites of :data:`SYNTHESIS_BY_DEFAULT`), for design tasks with a
    reference (rtl-optimize tasks synthesise their passes in their scorer)."""
    return _after_pass(task, switch, SYNTHESIS_BY_DEFAULT)


def _after_pass(task: Task, switch: bool | None, by_default: frozenset[str]) -> bool:
    """Whether a check after a pass is wanted (``switch``, else for the suites ``by_default``), and
    possible: the task's answers are designs and it has a reference design."""
    wanted = task.suite in by_default if switch is None else switch
    return wanted and task.kind in (TaskKind.SPEC_TO_RTL, TaskKind.COMPLETION) and task.reference_path.is_file()


def check_unit(unit: EquivalenceUnit) -> EquivalenceRecord:
    """Compare the unit's candidate with the reference (every Yosys run sandboxed). Raises
    :class:`PassCheckHarnessError` when the harness fails, so that nothing is recorded."""
    task = unit.task
    folder = check_folder(task, unit.task_folder, unit.work)
    verdict = equivalence_to_reference(task, unit.candidate.answer, unit.language, unit.simulated, folder)
    if verdict.infra is not None:
        raise PassCheckHarnessError(verdict.infra)
    return EquivalenceRecord(suite=task.suite, task_id=task.id, candidate_key=unit.candidate.key,
                             sample=unit.candidate.sample, equivalence=EquivalenceScore.of(verdict),
                             artefacts=folder.relative_to(unit.run_folder))


def synthesize_unit(unit: SynthesisUnit) -> SynthesisRecord:
    """The synthesis figures of the unit's candidate and of the task's reference (each sandboxed, the
    reference's from the machine's figures cache after its first run). Raises
    :class:`PassCheckHarnessError` when the harness fails, so that nothing is recorded."""
    task = unit.task
    folder = check_folder(task, unit.task_folder, unit.work)
    design = simulated_design(unit.candidate.answer, unit.language, unit.simulated)
    answer = (task_figures(task, design, folder / "answer") if design is not None
              else SynthFigures(status="unsupported", top=task.config.top, reason=_NOT_KEPT))
    reference = task_figures(task, task.reference_text(), folder / "reference")
    for figures in (answer, reference):
        if figures.infra is not None:
            raise PassCheckHarnessError(figures.infra)
    return SynthesisRecord(suite=task.suite, task_id=task.id, candidate_key=unit.candidate.key,
                           sample=unit.candidate.sample, synthesis=SynthesisScore(answer=answer, reference=reference),
                           artefacts=folder.relative_to(unit.run_folder))


def check_folder(task: Task, parent: Path, work: str) -> Path:
    """A fresh folder under ``parent`` for one check of a pass (``work``: equivalence, synthesis):
    its scripts, logs, netlists or counterexample."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{task.id}-{work}-", dir=parent))


def equivalence_to_reference(task: Task, answer: str, language: str, simulated: Path | None,
                             folder: Path) -> EquivalenceVerdict:
    """The equivalence check, in ``folder``, of the design the simulation judged: the answer's
    Verilog, or a Chisel answer's elaborated and wrapped Verilog, which its simulation kept in its
    artefact folder ``simulated``."""
    design = simulated_design(answer, language, simulated)
    if design is None:
        return EquivalenceVerdict(status="unsupported", reason=_NOT_KEPT)
    return check_equivalence(task, design, folder)


_NOT_KEPT = "the elaborated Chisel design is not in the simulation's artefacts"


def simulated_design(answer: str, language: str, simulated: Path | None) -> str | None:
    """The design a simulation judged: the answer's Verilog, or a Chisel answer's elaborated and
    wrapped Verilog, which its simulation kept in its artefact folder ``simulated`` (None when not)."""
    if language != "chisel":
        return extract_verilog(answer).code
    kept = simulated / "candidate.sv" if simulated is not None else None
    return kept.read_text() if kept is not None and kept.is_file() else None


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
