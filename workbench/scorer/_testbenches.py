"""The testbench kinds of simulated tasks, and what runs each.

- ``cocotb``: the workbench's own cocotb tests, built and run by :mod:`workbench.scorer.simulation`
  itself (which also batches answers on Icarus);
- a public suite's own testbench, judged by that suite's pass rule, run by its harness here:
  ``hdl`` (a self-checking HDL testbench: VerilogEval, RTLLM) and ``pytest`` (CVDP's cocotb harness
  under pytest).

Adding a suite's testbench kind: its table in ``TaskConfig.testbench`` (:mod:`workbench.task.format`),
a harness module with a function of the :class:`Harness` shape, and one line in :data:`_HARNESSES`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from workbench.scorer.hdl_harness import run_hdl_testbench
from workbench.scorer.pytest_harness import run_pytest_harness
from workbench.scorer.result import Result
from workbench.sim import Simulator
from workbench.task.format import Task


class Harness(Protocol):
    def __call__(self, task: Task, code: str, simulator: Simulator, folder: Path, result: Result) -> Result:
        """Judge ``code`` with the task's testbench in ``folder`` (fresh, the answer's), into ``result``."""


_HARNESSES: dict[str, Harness] = {
    "hdl": run_hdl_testbench,
    "pytest": run_pytest_harness,
}


def run_suite_testbench(task: Task, code: str, simulator: Simulator, folder: Path, result: Result) -> Result:
    """Score ``code`` with ``task``'s suite-native testbench (any kind but ``cocotb``)."""
    return _HARNESSES[task.config.testbench.kind](task, code, simulator, folder, result)
