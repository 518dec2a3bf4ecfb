"""The golden self-test (``rtlwb check``): every task's reference passes and its port-only stub fails.

A task whose reference fails is broken; a task whose stub passes has a testbench that checks
nothing. Both are bugs in the benchmark, reported per task and simulator.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import BaseModel

from workbench.result import Result, Status
from workbench.scorer import ScoreOptions, score
from workbench.stub import chisel_port_only_stub, port_only_stub
from workbench.suite import Suite
from workbench.task import Task


class CheckRow(BaseModel):
    task: str
    simulator: str
    golden: Status
    golden_message: str
    stub: Status
    stub_message: str

    @property
    def golden_ok(self) -> bool:
        return self.golden == Status.PASS

    @property
    def stub_ok(self) -> bool:
        # Only a functional failure shows the testbench caught the stub; any other verdict means
        # the stub never reached the tests, so the testbench's strength is unproven.
        return self.stub == Status.FAIL_FUNCTIONAL


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
        return not self.malformed and self.golden_pass == self.tasks and self.stub_fail == self.tasks


@dataclass(frozen=True)
class _Job:
    task: Task
    simulator: str
    language: str


def check_suite(suite: Suite, simulators: list[str], jobs: int = 2, on_row=None,
                language: str = "systemverilog") -> CheckSummary:
    """Self-test ``suite`` on ``simulators`` (each task only on the simulators it supports); with
    ``language="chisel"`` the Chisel references and stubs of the tasks that take Chisel."""
    tasks = [task for task in suite.tasks if language != "chisel" or task.config.chisel is not None]
    work = [_Job(task, sim, language) for task in tasks for sim in simulators if sim in task.config.simulators]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        rows = []
        for row in pool.map(_check_one, work):
            rows.append(row)
            if on_row:
                on_row(row)
    by_task: dict[str, list[CheckRow]] = {}
    for row in rows:
        by_task.setdefault(row.task, []).append(row)
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
    options = ScoreOptions(language=job.language)
    stub_text = chisel_port_only_stub(job.task) if job.language == "chisel" else port_only_stub(job.task.config)
    golden = score(job.task, job.task.reference_text(job.language), job.simulator, options)
    stub = score(job.task, stub_text, job.simulator, options)
    return CheckRow(task=job.task.id, simulator=job.simulator, golden=golden.status,
                    golden_message=_short(golden), stub=stub.status, stub_message=_short(stub))


def _short(result: Result) -> str:
    return result.message.splitlines()[0][:200] if result.message else ""
