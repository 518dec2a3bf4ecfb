"""Mutation testing of a suite's testbenches (``rtlwb audit``): how many plausible mistakes in each
reference design does the task's own testbench catch?

For every task with a reference design (spec-to-rtl and completion), single-edit mutants of the
reference (:mod:`workbench.hdl.mutants`) are scored by the task's scorer exactly as answers are,
many to one simulator process. A mutant the testbench fails is *killed*; one that cannot be built
or has the wrong interface is *stillborn* (it never reached the tests, so it proves nothing about
them); one that passes *survives*. Each survivor is then compared with the reference by the
equivalence checker (:mod:`workbench.formal.design_equivalence`): an equivalent mutant (proven, or
to the checker's bound) is no mistake at all and does not count; nor does one that differs only in
X (``differs-only-in-x``: only the checker's model gives it an X that a four-state simulation
resolves to the reference's value, so no testbench can fail it). A different one is a gap in the
testbench, shown with the input sequence on which it differs, once the replay confirms it: for each
different survivor the audit writes a cocotb test that replays the counterexample cycle by cycle
and checks the outputs the reference gives, and runs it on both designs. A test that passes on the
reference and fails the mutant goes into the task's snippet and makes the survivor a *gap*; a
different survivor whose test does not is *unconfirmed*, and counts as undecided beside those the
checker cannot decide (``unknown``, ``unsupported``). The kill rate is
``killed / (mutants - equivalent - differs-only-in-x)``: gaps and undecided survivors count against it.

The work runs on an :class:`~workbench.eval.executor.Executor`'s processes as a pipeline of
units (prepare a task: its mutants and the reference's own verdict; score a batch of mutants;
classify one survivor), each unit's successors fed as soon as it is done, so the tasks of a suite
proceed side by side.
"""

from __future__ import annotations

import math
import re
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, computed_field

from workbench.errors import WorkbenchError
from workbench.eval.executor import UnitFeed, get_executor
from workbench.eval.units import split_evenly
from workbench.formal.design_equivalence import Counterexample, EquivalenceStatus, check_equivalence
from workbench.hdl.mutants import Mutant, MutantSet, MutationOperator, generate_mutants
from workbench.sandbox import Limits, call_isolated
from workbench.scorer import Result, ScoreOptions, Stage, Status, get_scorer
from workbench.solver.templates import TemplateError, load_library
from workbench.task.format import Task, TaskFormatError, TaskKind, Testbench
from workbench.task.suite import Suite

_AUDITED_KINDS = frozenset({TaskKind.SPEC_TO_RTL, TaskKind.COMPLETION})
_GENERATION_LIMITS = Limits(wall_s=120, memory_mb=4096)  # pyslang on a reference, in the isolated worker
# A batch of mutants shares one simulator process, under the task's simulation time limit: it gets
# this share of the limit, at the reference's own pace (a mutant may run slower, up to its tests'
# timeouts, and a batch over the limit is scored again answer by answer).
_BATCH_TIME_SHARE = 0.3
_MAX_BATCH = 32
_STILLBORN = frozenset({Status.FAIL_EXTRACT, Status.FAIL_INTERFACE, Status.FAIL_COMPILE, Status.COMPILED})
_EQUIVALENT = frozenset({"equivalent", "equivalent-bounded"})
_REPLAY_MODULE = "audit_replay"
TEMPLATES_SUITE = "templates"  # the name `rtlwb audit` takes for the rtl_templates blocks
MAX_UNDECIDED = 0.02  # undecided survivors a passing audit allows, a share of the counted mutants


class AuditError(WorkbenchError):
    """An audit that cannot start: no task of the suite has a reference design to mutate."""


class AuditStatus(StrEnum):
    AUDITED = "audited"
    REFERENCE_FAILS = "reference_fails"  # the reference does not pass its own testbench: nothing to measure
    NO_MUTANTS = "no_mutants"
    ERROR = "error"  # the harness failed (a worker died, the reference could not be read)


class Survivor(BaseModel):
    """A mutant the testbench let pass, and what the equivalence checker says of it."""

    mutant_id: str
    operator: MutationOperator
    line: int
    description: str
    equivalence: EquivalenceStatus
    label: str  # the checker's verdict as it names it ("equivalent-bounded:20") and its reason
    counterexample: Counterexample | None = None  # of a different survivor: its VCD's path is absolute
    test: str = ""  # a cocotb test that replays the counterexample (different survivors)
    test_passes_reference: bool | None = None  # None: not run
    test_kills_mutant: bool | None = None
    test_message: str = ""  # why the test is not in the task's snippet

    @classmethod
    def of(cls, mutant: Mutant, equivalence: EquivalenceStatus, label: str,
           counterexample: Counterexample | None = None) -> Survivor:
        return cls(mutant_id=mutant.id, operator=mutant.operator, line=mutant.line, description=mutant.description,
                   equivalence=equivalence, label=label, counterexample=counterexample)

    @property
    def is_equivalent(self) -> bool:
        return self.equivalence in _EQUIVALENT

    @property
    def is_x_only(self) -> bool:
        """Differs from the reference only by an X of the checker's model: no testbench can fail it."""
        return self.equivalence == "differs-only-in-x"

    @property
    def is_different(self) -> bool:
        """The checker's verdict is ``different`` (confirmed by the replay or not)."""
        return self.equivalence == "different"

    @property
    def is_gap(self) -> bool:
        """Different, and its replay test passes on the reference and fails the mutant."""
        return self.is_different and bool(self.test_passes_reference) and bool(self.test_kills_mutant)

    @property
    def counts(self) -> bool:
        """Whether it counts in the kill rate (against the testbench): neither equivalent nor X-only."""
        return not self.is_equivalent and not self.is_x_only

    @property
    def is_undecided(self) -> bool:
        """Counted, but not a confirmed gap: the checker could not decide, or the replay did not confirm it."""
        return self.counts and not self.is_gap


class TaskAudit(BaseModel):
    """One task's audit: its mutants, what became of them, and the tests that would kill the survivors."""

    task_id: str
    suite: str
    status: AuditStatus
    message: str = ""
    generated: int = 0  # mutants pyslang accepts (before any sampling)
    mutants: int = 0  # mutants whose verdict came from the testbench
    stillborn: int = 0  # did not build or had the wrong interface: never reached the tests
    errors: int = 0  # the harness failed on them (infra_error, a dead worker)
    killed: int = 0
    survivors: list[Survivor] = []
    snippet: str = ""  # cocotb tests that kill the different survivors: paste into the task's test file

    @computed_field  # type: ignore[prop-decorator]
    @property
    def equivalent(self) -> int:
        return sum(s.is_equivalent for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def x_only(self) -> int:
        """Survivors that differ only in X (``differs-only-in-x``): not counted, like equivalent ones."""
        return sum(s.is_x_only for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gaps(self) -> int:
        """Different survivors whose replay test fails them and passes the reference."""
        return sum(s.is_gap for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unconfirmed(self) -> int:
        """Different survivors whose replay test does not fail them (or fails the reference)."""
        return sum(s.is_different and not s.is_gap for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unknown(self) -> int:
        """Survivors the checker could not decide (unknown, unsupported, or it failed)."""
        return sum(s.counts and not s.is_different for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def undecided(self) -> int:
        """Counted survivors that are not confirmed gaps: unknown and unconfirmed ones."""
        return sum(s.is_undecided for s in self.survivors)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counted(self) -> int:
        """The kill rate's denominator: mutants neither equivalent nor X-only."""
        return self.mutants - self.equivalent - self.x_only

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kill_rate(self) -> float | None:
        """killed / counted; None when no mutant counts."""
        return self.killed / self.counted if self.counted > 0 else None


class AuditReport(BaseModel):
    suite: str
    simulator: str | None  # None: each task's first
    sample: int | None  # mutants drawn per task (None: all)
    seed: int
    tasks: list[TaskAudit]
    seconds: float = 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mutants(self) -> int:
        return sum(t.mutants for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def killed(self) -> int:
        return sum(t.killed for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def equivalent(self) -> int:
        return sum(t.equivalent for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def x_only(self) -> int:
        return sum(t.x_only for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gaps(self) -> int:
        return sum(t.gaps for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unconfirmed(self) -> int:
        return sum(t.unconfirmed for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unknown(self) -> int:
        return sum(t.unknown for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def undecided(self) -> int:
        return sum(t.undecided for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counted(self) -> int:
        return sum(t.counted for t in self.tasks)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kill_rate(self) -> float | None:
        """Over every audited task: killed / counted."""
        return self.killed / self.counted if self.counted > 0 else None

    @property
    def complete(self) -> bool:
        """Whether every task was audited (a reference that fails, or a harness failure, leaves a gap)."""
        return all(t.status in (AuditStatus.AUDITED, AuditStatus.NO_MUTANTS) for t in self.tasks)

    def shortfalls(self, min_kill: float, max_undecided: float = MAX_UNDECIDED) -> list[str]:
        """Why the audit fails (empty when it passes): a task not audited, a task's or the suite's
        kill rate below ``min_kill``, undecided survivors over ``max_undecided`` of the counted mutants."""
        found = [f"{t.task_id}: {t.status.value}" + (f" ({t.message})" if t.message else "")
                 for t in self.tasks if t.status not in (AuditStatus.AUDITED, AuditStatus.NO_MUTANTS)]
        found += [f"{t.task_id}: kill rate {t.kill_rate:.1%}" for t in self.tasks
                  if t.kill_rate is not None and t.kill_rate < min_kill]
        if self.kill_rate is None or self.kill_rate < min_kill:
            found.append("suite: kill rate " + ("- (no mutant counts)" if self.kill_rate is None
                                                else f"{self.kill_rate:.1%}"))
        if self.undecided > max_undecided * self.counted:
            found.append(f"suite: {self.undecided} undecided survivors, "
                         f"{self.undecided / max(self.counted, 1):.1%} of the counted mutants")
        return found


class AuditProgress:
    """What an audit tells while it works, for a display; this one tells nobody. Called from the
    thread that runs :func:`audit_suite`."""

    def planned(self, task_id: str, mutants: int) -> None:
        """``mutants`` of task ``task_id`` are to be scored."""

    def scored(self, task_id: str, mutants: int, survived: int) -> None:
        """``mutants`` more were scored, ``survived`` of them passed the testbench."""

    def classified(self, task_id: str, survivor: Survivor) -> None:
        """The equivalence checker's verdict on one survivor."""

    def finished(self, audit: TaskAudit) -> None:
        """A task's audit is complete."""


def audit_suite(suite: Suite, workdir: Path, *, task_ids: Sequence[str] = (), sample: int | None = None,
                seed: int = 0, jobs: int = 2, sim: str | None = None,
                progress: AuditProgress | None = None) -> AuditReport:
    """Audit the testbenches of ``suite``'s tasks with a reference design (only ``task_ids``, when
    given), drawing ``sample`` mutants per task with ``seed`` (all when None), on ``jobs`` processes
    and simulator ``sim`` (None: each task's first). Artefacts (builds, counterexample VCDs) go
    under ``workdir``."""
    started = time.monotonic()
    tasks = [task for task in suite.tasks if task.kind in _AUDITED_KINDS and (not task_ids or task.id in task_ids)]
    if not tasks:
        raise AuditError(f"suite {suite.name} has no spec-to-rtl or completion task to audit")
    preparations = [_Prepare(task, ScoreOptions(sim=sim, workdir=workdir / "scoring" / task.id), sample, seed)
                    for task in tasks]
    for preparation in preparations:  # a simulator a task does not run on is a usage error, before any work
        get_scorer(preparation.task.kind).check(preparation.task, preparation.options)
    audits = _AuditRun(workdir, jobs, progress or AuditProgress()).run(preparations)
    return AuditReport(suite=suite.name, simulator=sim, sample=sample, seed=seed,
                       tasks=[audits[task.id] for task in tasks], seconds=time.monotonic() - started)


def templates_suite(folder: Path) -> Suite:
    """The rtl_templates blocks as a suite (``rtlwb audit templates``): each block a task at its
    default parameters, written to ``folder``/rtl_templates/<block> (the instance as reference, the
    block's own tests as testbench); a block that cannot be one is a problem of the suite."""
    library = load_library()
    suite = Suite(name="rtl_templates", folder=folder / "rtl_templates",
                  problems=[TaskFormatError(problem) for problem in library.problems])
    for template in library.templates:
        try:
            suite.tasks.append(template.write_task(suite.folder / template.name))
        except (TemplateError, TaskFormatError) as problem:
            suite.problems.append(TaskFormatError(str(problem)))
    return suite


# --- units of work (run on the executor's processes) ----------------------------------------------

@dataclass(frozen=True)
class _Prepared:
    mutants: MutantSet
    reference: Result


@dataclass(frozen=True)
class _Prepare:
    """A task's mutants (all, or a sample) and the verdict of its reference on its own testbench."""

    task: Task
    options: ScoreOptions
    sample: int | None
    seed: int

    def run(self) -> _Prepared:
        call = call_isolated(generate_mutants, self.task.reference_text(), self.task.config.reset,
                             limits=_GENERATION_LIMITS)
        if call.failure:
            raise AuditError(f"no mutants of the reference: pyslang {call.failure}")
        mutants: MutantSet = call.value
        if self.sample is not None:
            mutants = mutants.sample(self.sample, self.seed)
        reference = get_scorer(self.task.kind).score(self.task, [self.task.reference_text()], self.options)[0]
        return _Prepared(mutants, reference)


@dataclass(frozen=True)
class _Score:
    """A batch of one task's mutants, scored by the task's testbench: one verdict each."""

    task: Task
    options: ScoreOptions
    mutants: tuple[Mutant, ...]

    def run(self) -> list[Status]:
        results = get_scorer(self.task.kind).score(self.task, [m.source for m in self.mutants], self.options)
        return [result.status for result in results]


@dataclass(frozen=True)
class _Classify:
    """A survivor against the reference: the equivalence checker's verdict and, for a different one,
    the replay test run on the reference and on the mutant."""

    task: Task
    mutant: Mutant
    options: ScoreOptions
    workdir: Path

    def run(self) -> Survivor:
        mutant = self.mutant
        folder = self.workdir / "equivalence"
        verdict = check_equivalence(self.task, mutant.source, folder)
        label = f"{verdict.label}: {verdict.reason}" if verdict.reason else verdict.label
        survivor = Survivor.of(mutant, verdict.status, label, _located(verdict.counterexample, folder))
        if survivor.is_different and survivor.counterexample is not None:
            survivor.test = replay_test(self.task, survivor)
            self._replay(survivor)
        return survivor

    def _replay(self, survivor: Survivor) -> None:
        """Run the survivor's test on the reference and on the mutant, as a task of its own."""
        replay = _replay_task(self.task, replay_module(self.task, [survivor.test]), self.workdir / "replay")
        options = self.options.model_copy(update={"workdir": self.workdir / "replay-scoring"})
        reference, mutant = get_scorer(replay.kind).score(replay, [self.task.reference_text(), self.mutant.source],
                                                          options)
        survivor.test_passes_reference = reference.status == Status.PASS
        survivor.test_kills_mutant = mutant.status == Status.FAIL_FUNCTIONAL
        if not survivor.test_passes_reference:
            survivor.test_message = f"the replay fails the reference ({reference.status.value}: {reference.message})"
        elif not survivor.test_kills_mutant:
            survivor.test_message = f"the replay does not fail the mutant ({mutant.status.value})"


_Unit = _Prepare | _Score | _Classify


def _run_unit(unit: _Unit) -> Any:
    return unit.run()


def _located(counterexample: Counterexample | None, folder: Path) -> Counterexample | None:
    """``counterexample`` with its VCD's path made absolute (the checker names it within its folder)."""
    if counterexample is None or counterexample.vcd is None:
        return counterexample
    return counterexample.model_copy(update={"vcd": str(folder / counterexample.vcd)})


def _replay_task(task: Task, module_text: str, folder: Path) -> Task:
    """A copy of ``task`` in ``folder`` whose testbench is ``module_text`` alone."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(task.folder, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / f"{_REPLAY_MODULE}.py").write_text(module_text)
    config = task.config.model_copy(update={"testbench": Testbench(module=_REPLAY_MODULE)})
    return task.model_copy(update={"folder": folder, "config": config})


# --- the pipeline ---------------------------------------------------------------------------------

@dataclass
class _TaskState:
    task: Task
    options: ScoreOptions
    audit: TaskAudit | None = None
    pending: int = 0  # units in flight
    order: dict[str, int] = field(default_factory=dict)  # mutant id -> its place in the source


class _AuditRun:
    """Feeds the executor each unit's successors as outcomes arrive; ends when every task is done."""

    def __init__(self, workdir: Path, jobs: int, progress: AuditProgress) -> None:
        self.workdir = workdir
        self.executor = get_executor("local", jobs)
        self.progress = progress
        self.feed: UnitFeed[_Unit] = UnitFeed()
        self.states: dict[str, _TaskState] = {}

    def run(self, preparations: list[_Prepare]) -> dict[str, TaskAudit]:
        for preparation in preparations:
            self.states[preparation.task.id] = _TaskState(preparation.task, preparation.options)
            self._submit(preparation)
        with self.executor:
            for outcome in self.executor.map(_run_unit, self.feed):
                state = self.states[outcome.unit.task.id]
                state.pending -= 1
                self._handle(state, outcome.unit, outcome.value, outcome.error)
                if state.pending == 0:
                    self._finish(state)
                if all(s.pending == 0 for s in self.states.values()):
                    self.feed.close()
        return {task_id: state.audit for task_id, state in self.states.items() if state.audit is not None}

    def _submit(self, unit: _Unit) -> None:
        self.states[unit.task.id].pending += 1
        self.feed.put(unit)

    def _handle(self, state: _TaskState, unit: _Unit, value: Any, error: str | None) -> None:
        if isinstance(unit, _Prepare):
            self._prepared(state, value, error)
        elif isinstance(unit, _Score):
            self._scored(state, unit, value, error)
        else:
            self._classified(state, unit, value, error)

    def _prepared(self, state: _TaskState, prepared: _Prepared | None, error: str | None) -> None:
        task = state.task
        audit = state.audit = TaskAudit(task_id=task.id, suite=task.suite, status=AuditStatus.AUDITED)
        if prepared is None:
            audit.status, audit.message = AuditStatus.ERROR, error or ""
            return
        audit.generated = len(prepared.mutants.mutants)
        reference = prepared.reference
        if reference.status != Status.PASS:
            audit.status = AuditStatus.REFERENCE_FAILS if reference.status.is_model_failure else AuditStatus.ERROR
            audit.message = f"the reference: {reference.status.value}: {reference.message}"
            return
        mutants = prepared.mutants.mutants
        if not mutants:
            audit.status = AuditStatus.NO_MUTANTS
            return
        state.order = {mutant.id: index for index, mutant in enumerate(mutants)}
        self.progress.planned(task.id, len(mutants))
        for batch in _batches(task, reference, mutants, self.executor.slots):
            self._submit(_Score(task, state.options, tuple(batch)))

    def _scored(self, state: _TaskState, unit: _Score, verdicts: list[Status] | None, error: str | None) -> None:
        audit = state.audit
        assert audit is not None  # a task's batches are submitted once it is prepared
        if verdicts is None:
            audit.errors += len(unit.mutants)
            audit.message = error or ""
            self.progress.scored(state.task.id, len(unit.mutants), 0)
            return
        survived = 0
        for mutant, status in zip(unit.mutants, verdicts, strict=True):
            if status in _STILLBORN:
                audit.stillborn += 1
            elif status == Status.INFRA_ERROR:
                audit.errors += 1
            else:
                audit.mutants += 1
                if status != Status.PASS:
                    audit.killed += 1
                    continue
                survived += 1
                folder = self.workdir / "survivors" / state.task.id / mutant.id
                self._submit(_Classify(state.task, mutant, state.options, folder))
        self.progress.scored(state.task.id, len(unit.mutants), survived)

    def _classified(self, state: _TaskState, unit: _Classify, survivor: Survivor | None, error: str | None) -> None:
        if survivor is None:
            survivor = Survivor.of(unit.mutant, "unknown", f"the equivalence check failed: {error}")
        assert state.audit is not None
        state.audit.survivors.append(survivor)
        self.progress.classified(state.task.id, survivor)

    def _finish(self, state: _TaskState) -> None:
        audit = state.audit
        assert audit is not None
        audit.survivors.sort(key=lambda survivor: state.order[survivor.mutant_id])
        kept = [s.test for s in audit.survivors if s.test_passes_reference and s.test_kills_mutant]
        audit.snippet = replay_module(state.task, kept) if kept else ""
        self.progress.finished(audit)


def _batches(task: Task, reference: Result, mutants: list[Mutant], slots: int) -> list[list[Mutant]]:
    """``mutants`` in batches that each simulate within a share of the task's time limit (at the
    reference's pace), and at least as many as there are processes to run them."""
    per_answer = max(reference.durations_s.get(Stage.SIMULATE, 1.0), 0.05)
    size = max(1, min(_MAX_BATCH, int(task.config.limits.sim_s * _BATCH_TIME_SHARE / per_answer)))
    count = max(math.ceil(len(mutants) / size), min(slots, len(mutants)))
    return split_evenly(mutants, count)


# --- replay tests ---------------------------------------------------------------------------------

_REPLAY_HEADER = '''\
# Tests written by `rtlwb audit` for {suite}/{task}: each replays an input sequence, from reset, on
# which a mutant of the reference that passed the tests differs from it, and checks the outputs the
# reference gives there. Paste them into the task's test file.
import cocotb
{imports}
from workbench.tb import read_int, settle


def audit_drive(dut, inputs):
    for name, value in inputs.items():
        getattr(dut, name).value = value


def audit_check(dut, index, expected):
    for name, value in expected.items():
        got = read_int(getattr(dut, name))
        assert got == value, f"cycle {{index}}: {{name}} = {{got:#x}}, the reference gives {{value:#x}}"
'''

_REPLAY_COMBINATIONAL = '''

async def audit_replay(dut, cycles):
    """Per step: drive the inputs, let them settle, check the outputs."""
    for index, (inputs, expected) in enumerate(cycles):
        audit_drive(dut, inputs)
        await settle()
        audit_check(dut, index, expected)
'''

# Inputs change just after the active edge and outputs are checked after the inactive edge, before
# the next active one: a design that acts on the wrong edge has acted by then (the suite's own tests
# change inputs on the inactive edge, where such a design cannot be told apart). A counterexample in
# clock phases (the checker's model when a design uses both edges) sets the clock itself, step by
# step: the clock first, so that an edge sees the inputs of the step before, as in the checker.
_REPLAY_CLOCKED = '''

async def audit_replay(dut, cycles, phases=False):
    """Per cycle: drive the inputs just after the active clock edge, check the outputs after the
    inactive edge, before the next active one. With ``phases``, each step is half a cycle and its
    inputs set the clock: the clock changes first, then the other inputs."""
    if phases:
        for index, (inputs, expected) in enumerate(cycles):
            audit_drive(dut, {{"{clock}": inputs["{clock}"]}})
            await settle()
            audit_drive(dut, {{name: value for name, value in inputs.items() if name != "{clock}"}})
            await settle()
            audit_check(dut, index, expected)
        return
    audit_drive(dut, cycles[0][0])
    Clock(dut.{clock}, {period}, unit="ns").start(start_high={start_high})
    for index, (inputs, expected) in enumerate(cycles):
        if index:
            audit_drive(dut, inputs)
            await {inactive}(dut.{clock})
        await settle()
        audit_check(dut, index, expected)
        await {active}(dut.{clock})
        await settle()
'''

_REPLAY_TEST_TEXT = '''\
@cocotb.test()
async def {name}(dut):
    """{description}: passed the tests, differs from the reference ({differs})."""
    await audit_replay(dut, [
{rows}
    ]{phases})
'''


def replay_test(task: Task, survivor: Survivor) -> str:
    """A cocotb test that replays ``survivor``'s counterexample on ``task``'s ports, step by step,
    and checks the value the reference gives at each step and output where the mutant differs."""
    assert survivor.counterexample is not None, "only a different survivor has a counterexample"
    counterexample = survivor.counterexample
    inputs = {port.name for port in task.config.ports if port.direction == "input"}
    if task.config.clock is not None and not counterexample.half_cycles:
        inputs.discard(task.config.clock.name)  # the replay's own clock drives it
    rows = []
    for step in counterexample.cycles:
        driven = {name: _integer(value) for name, value in step.inputs.items() if name in inputs}
        expected = {name: _integer(step.reference[name]) for cycle, name in counterexample.differing
                    if cycle == step.cycle and _BINARY.fullmatch(step.reference.get(name, ""))}
        rows.append(f"        ({_dict_text(driven)}, {_dict_text(expected)}),")
    return _REPLAY_TEST_TEXT.format(
        name="audit_" + survivor.mutant_id.replace("-", "_"),
        description=survivor.description.replace("\\", "\\\\").replace('"', "'"),
        differs=", ".join(f"{name} at {'step' if counterexample.half_cycles else 'cycle'} {cycle}"
                          for cycle, name in counterexample.differing),
        rows="\n".join(rows), phases=", phases=True" if counterexample.half_cycles else "")


def replay_module(task: Task, tests: Sequence[str]) -> str:
    """``tests`` (from :func:`replay_test`) with what they need, ready to paste into ``task``'s test file."""
    clock = task.config.clock
    if clock is None:
        header = _REPLAY_HEADER.format(suite=task.suite, task=task.id, imports="")
        return header + _REPLAY_COMBINATIONAL + "".join(f"\n\n{test}" for test in tests)
    active, inactive = ("RisingEdge", "FallingEdge") if clock.edge == "posedge" else ("FallingEdge", "RisingEdge")
    imports = "from cocotb.clock import Clock\nfrom cocotb.triggers import FallingEdge, RisingEdge\n"
    helper = _REPLAY_CLOCKED.format(clock=clock.name, period=clock.period_ns, start_high=clock.edge != "posedge",
                                    active=active, inactive=inactive)
    return (_REPLAY_HEADER.format(suite=task.suite, task=task.id, imports=imports) + helper
            + "".join(f"\n\n{test}" for test in tests))


_BINARY = re.compile(r"[01]+")


def _integer(value: str) -> int:
    """A counterexample's value (binary digits, most significant first) as an integer; an undefined
    input bit (``x``) is driven as 0."""
    return int("".join(bit if bit in "01" else "0" for bit in value) or "0", 2)


def _dict_text(values: dict[str, int]) -> str:
    return "{" + ", ".join(f'"{name}": {value:#x}' for name, value in values.items()) + "}"
