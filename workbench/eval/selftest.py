"""The golden self-test (``rtlwb check``): every task's reference passes and its port-only stub fails.

A task whose reference fails is broken; a task whose stub passes has a testbench that checks
nothing. Both are bugs in the benchmark, reported per task and simulator.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from workbench.formal.crosscheck import crosscheck_constructs
from workbench.formal.judge import judge_set
from workbench.formal.sby import outputs_differ
from workbench.hls.csim import HlsCheck, score_kernel
from workbench.scorer import Result, ScoreOptions, Status, score
from workbench.task.format import Task
from workbench.task.hls import HlsSuite
from workbench.task.stub import chisel_port_only_stub, port_only_stub
from workbench.task.suite import Suite


class CheckRow(BaseModel):
    task_id: str
    simulator: str
    golden: Status
    golden_message: str
    stub: Status
    stub_message: str
    evidence: str = ""  # tool output of a failing reference or of a stub that was not caught
    suite_native: bool = False  # an imported task judged by its public suite's own testbench
    # rtl-optimize tasks: the given design scored as an answer (it must be "not better than itself"),
    # and the reference's equivalence to it and improvement over it
    given: Status | None = None
    given_message: str = ""
    equivalence: str = ""
    improvement: float | None = None

    @property
    def golden_ok(self) -> bool:
        return self.golden == Status.PASS

    @property
    def stub_ok(self) -> bool:
        # Only a functional failure shows the testbench caught the stub; any other verdict means
        # the stub never reached the tests, so the testbench's strength is unproven. A suite's own
        # testbench that waits forever for the stub (a timeout, no pass line) has failed it too.
        if self.suite_native:
            return self.stub in (Status.FAIL_FUNCTIONAL, Status.TIMEOUT, Status.CRASH)
        return self.stub == Status.FAIL_FUNCTIONAL

    @property
    def given_ok(self) -> bool:
        """An rtl-optimize task's given design passes the tests and is equivalent to itself, but is
        not better than itself: anything else is a broken task or a broken judge."""
        return self.given is None or self.given == Status.FAIL_NOT_BETTER

    @property
    def ok(self) -> bool:
        return self.golden_ok and self.stub_ok and self.given_ok


class CheckSummary(BaseModel):
    suite: str
    language: str = "systemverilog"
    simulators: list[str]
    tasks: int
    golden_pass: int
    stub_fail: int
    malformed: list[str]
    rows: list[CheckRow]

    @property
    def ok(self) -> bool:
        return (not self.malformed and self.golden_pass == self.tasks and self.stub_fail == self.tasks
                and all(row.given_ok for row in self.rows))


_Item = TypeVar("_Item")
_Row = TypeVar("_Row")


@dataclass(frozen=True)
class _Job:
    task: Task
    simulator: str
    language: str


def check_suite(suite: Suite, simulators: list[str], jobs: int = 2, on_row: Callable[[CheckRow], None] | None = None,
                language: str = "systemverilog", on_start: Callable[[int], None] | None = None) -> CheckSummary:
    """Self-test ``suite`` on ``simulators`` (each task only on the simulators it supports); with
    ``language="chisel"`` the Chisel references and stubs of the tasks that take Chisel. ``on_start``
    is told the number of rows to come (one per task and simulator), ``on_row`` each row as it is done."""
    tasks = [task for task in suite.tasks if language != "chisel" or task.config.chisel is not None]
    work = [_Job(task, sim, language) for task in tasks for sim in simulators if sim in task.config.simulators]
    rows = _in_parallel(_check_one, work, jobs, on_start, on_row)
    by_task: dict[str, list[CheckRow]] = {}
    for row in rows:
        by_task.setdefault(row.task_id, []).append(row)
    return CheckSummary(
        suite=suite.name,
        language=language,
        simulators=simulators,
        tasks=len(tasks),
        golden_pass=sum(all(r.golden_ok for r in task_rows) for task_rows in by_task.values()),
        stub_fail=sum(all(r.stub_ok for r in task_rows) for task_rows in by_task.values()),
        malformed=[str(problem) for problem in suite.problems],
        rows=rows,
    )


def _check_one(job: _Job) -> CheckRow:
    options = ScoreOptions(sim=job.simulator, language=job.language)
    stub_text = chisel_port_only_stub(job.task) if job.language == "chisel" else port_only_stub(job.task.config)
    golden = score(job.task, job.task.reference_text(job.language), options=options)
    stub = score(job.task, stub_text, options=options)
    row = CheckRow(task_id=job.task.id, simulator=job.simulator, golden=golden.status, golden_message=_short(golden),
                   stub=stub.status, stub_message=_short(stub), suite_native=job.task.config.testbench.kind != "cocotb")
    if job.task.config.optimize is not None:
        given = score(job.task, job.task.given_text(), options=options)
        row.given, row.given_message = given.status, _short(given)
        row.equivalence = golden.equivalence.label if golden.equivalence else ""
        row.improvement = golden.optimization.improvement if golden.optimization else None
    if not row.golden_ok:
        row.evidence = f"reference: {golden.status.value}: {golden.message}\n{golden.diagnostics}"[-2000:]
    elif not row.stub_ok:
        row.evidence = f"port-only stub: {stub.status.value}: {stub.message}\n{stub.diagnostics}"[-2000:]
    elif not row.given_ok:
        row.evidence = f"given design: {given.status.value}: {given.message}\n{given.diagnostics}"[-2000:]
    return row


def _short(result: Result) -> str:
    return result.message.splitlines()[0][:200] if result.message else ""


def _in_parallel(check: Callable[[_Item], _Row], items: list[_Item], jobs: int,
                 on_start: Callable[[int], None] | None, on_row: Callable[[_Row], None] | None) -> list[_Row]:
    """``check`` of every item on ``jobs`` threads, its rows in the items' order; ``on_start`` is told
    the count, ``on_row`` each row as soon as it is done (a slow first item holds back no progress)."""
    if on_start is not None:
        on_start(len(items))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(check, item) for item in items]
        for done in as_completed(futures):
            if on_row is not None:
                on_row(done.result())
        return [future.result() for future in futures]


# --- suites of assertion tasks: the open formal judge instead of simulation --------------------
class AssertionCheckRow(BaseModel):
    task_id: str
    golden: str  # the whole golden set (with the nl2sva references): proven | cex | unknown | error
    vacuous: list[str] = []
    unsupported: list[str] = []
    nl2sva_references: int = 0
    mutants: int = 0
    survivors: list[str] = []  # mutants without a counterexample to the golden properties
    not_different: list[str] = []  # mutants Yosys did not show to differ at the outputs

    @property
    def ok(self) -> bool:
        return (self.golden == "proven" and not self.vacuous and not self.unsupported and self.mutants >= 5
                and not self.survivors and not self.not_different)


class ConstructCheck(BaseModel):
    """The lowering of every supported construct against Verilator's simulation of the SVA."""

    constructs: int = 0
    agreed: int = 0
    disagreements: list[str] = []
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem and self.constructs > 0 and self.agreed == self.constructs


class AssertionCheckSummary(BaseModel):
    suite: str
    tasks: int
    golden_proven: int
    mutants: int
    mutants_killed: int
    mutants_different: int
    constructs: ConstructCheck
    malformed: list[str]
    rows: list[AssertionCheckRow]
    judge: str = "open formal judge (Yosys, SymbiYosys, yices)"

    @property
    def ok(self) -> bool:
        return not self.malformed and all(row.ok for row in self.rows) and self.constructs.ok


def check_assertion_suite(suite: Suite, folder: Path, jobs: int = 2,
                          on_row: Callable[[AssertionCheckRow], None] | None = None,
                          on_start: Callable[[int], None] | None = None) -> AssertionCheckSummary:
    """Self-test a suite of assertion tasks in ``folder``: golden properties proven and non-vacuous,
    every mutant killed and shown to differ at the outputs, every construct cross-checked. The
    callbacks are told the number of tasks, then each task's row as it is done."""
    if on_start is not None:
        on_start(len(suite.tasks))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:  # the cross-check takes one of the workers
        constructs = pool.submit(_check_constructs, folder / "constructs")
        rows = []
        for row in pool.map(lambda task: _check_assertion_task(task, folder / task.id), suite.tasks):
            rows.append(row)
            if on_row is not None:
                on_row(row)
        construct_check = constructs.result()
    return AssertionCheckSummary(
        suite=suite.name, tasks=len(rows), golden_proven=sum(r.golden == "proven" and not r.vacuous for r in rows),
        mutants=sum(r.mutants for r in rows), mutants_killed=sum(r.mutants - len(r.survivors) for r in rows),
        mutants_different=sum(r.mutants - len(r.not_different) for r in rows), constructs=construct_check,
        malformed=[str(problem) for problem in suite.problems], rows=rows)


def _check_assertion_task(task: Task, folder: Path) -> AssertionCheckRow:
    config, design = task.config, task.design_text()
    references = [posed.reference_text() for posed in task.nl2sva_tasks()]
    golden = judge_set(design, config.top, task.reference_text() + "\n" + "".join(references), folder / "golden",
                       config.reset, config.formal_depth)
    row = AssertionCheckRow(task_id=task.id, golden=golden.verdict, vacuous=list(golden.vacuous),
                            unsupported=list(golden.unsupported), nl2sva_references=len(references))
    for mutant in sorted((task.folder / "mutants").glob("mutant_*.sv")):
        row.mutants += 1
        text = mutant.read_text()
        killed = judge_set(text, config.top, task.reference_text(), folder / mutant.stem, config.reset,
                           config.formal_depth, covers=False)
        if killed.verdict != "cex":
            row.survivors.append(mutant.stem)
        difference = outputs_differ(design, text, config.top, folder / mutant.stem / "differ",
                                    config.reset.name if config.reset else None,
                                    config.reset.active_low if config.reset else True)
        if difference.verdict != "different":
            row.not_different.append(mutant.stem)
    return row


def _check_constructs(folder: Path) -> ConstructCheck:
    result = crosscheck_constructs(folder)
    disagreements = []
    for agreement in result.agreements:
        if (difference := agreement.first_difference) is not None:
            seed, cycle = difference
            disagreements.append(f"{agreement.label}: first differs at cycle {cycle} (seed {seed})")
    return ConstructCheck(constructs=len(result.agreements), agreed=sum(a.agreed for a in result.agreements),
                          disagreements=disagreements, problem=result.problem)



# --- HLS debugging suites: C simulation and the static pragma checker ---------------------------
class HlsCheckRow(BaseModel):
    kernel: str
    task_id: str | None  # the bug's task; None: the golden kernel
    bug_class: str | None = None
    failed_checks: list[str]  # the checks that failed (empty: everything passed)
    detail: str = ""

    @property
    def ok(self) -> bool:
        if self.task_id is None:
            return not self.failed_checks
        if self.bug_class == "pragma":  # invisible to g++: only the static checker may object
            return self.failed_checks == [HlsCheck.PRAGMAS.value]
        return bool(set(self.failed_checks) & {HlsCheck.COMPILE.value, HlsCheck.TESTBENCH.value,
                                                HlsCheck.SANITIZERS.value})


class HlsCheckSummary(BaseModel):
    suite: str
    kernels: int
    golden_pass: int
    bugs: int
    bugs_caught: int
    malformed: list[str]
    rows: list[HlsCheckRow]

    @property
    def ok(self) -> bool:
        return not self.malformed and self.golden_pass == self.kernels and self.bugs_caught == self.bugs


def check_hls_suite(suite: HlsSuite, folder: Path, jobs: int = 2, on_row: Callable[[HlsCheckRow], None] | None = None,
                    on_start: Callable[[int], None] | None = None) -> HlsCheckSummary:
    """Every golden kernel passes every check; every logic bug fails its testbench (plain or
    sanitized, or times out); every pragma bug passes C simulation and fails the static check. The
    callbacks are told the number of kernels and bugs, then each row as it is done."""
    work = [(kernel, None) for kernel in suite.kernels] + [(bug.kernel, bug) for bug in suite.bugs]

    def one(item) -> HlsCheckRow:
        kernel, bug = item
        source = bug.buggy_source if bug else kernel.text(kernel.config.source)
        outcomes = score_kernel(kernel, source, folder / (bug.id if bug else kernel.name))
        failed = [o for o in outcomes if not o.ok]
        return HlsCheckRow(kernel=kernel.name, task_id=bug.id if bug else None,
                           bug_class=bug.config.bug_class if bug else None,
                           failed_checks=[o.check.value for o in failed],
                           detail="; ".join(f"{o.check.value}: {o.detail}" for o in failed)[:400])

    rows = _in_parallel(one, work, jobs, on_start, on_row)
    goldens = [r for r in rows if r.task_id is None]
    bugs = [r for r in rows if r.task_id is not None]
    return HlsCheckSummary(suite=suite.name, kernels=len(goldens), golden_pass=sum(r.ok for r in goldens),
                           bugs=len(bugs), bugs_caught=sum(r.ok for r in bugs), malformed=suite.problems, rows=rows)
