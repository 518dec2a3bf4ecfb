"""Batched simulation, cocotb side: the task's tests, run against each candidate instance in turn.

cocotb imports this module as the test module of a batch (see :mod:`workbench.scorer._batch`). It reads
the batch description from ``RTLWB_BATCH`` (JSON, written by :mod:`workbench.scorer._batch`: the task's
test module, the scopes of the candidates, the name of each candidate's instance in its scope and
the separator of the testcase names),
and defines one test per (instance, task test), instance by instance, so that each instance sees
exactly the sequence of tests it would see alone. Each test is handed its instance as ``dut`` (and
as ``cocotb.top``), and reseeds Python's random generators as cocotb would seed the original test,
so the stimulus is the stimulus of a lone run.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from importlib import import_module

import cocotb
from cocotb._decorators import Test, TestGenerator

_REGRESSION_SEED = cocotb.RANDOM_SEED  # read before any test reseeds it


def _task_tests(module_name: str) -> list[Test]:
    """The tests cocotb would discover in ``module_name``, in the order it would run them."""
    tests: list[Test] = []
    for value in vars(import_module(module_name)).values():
        if isinstance(value, Test):
            tests.append(value)
        elif isinstance(value, TestGenerator):
            tests.extend(value.generate_tests())
    return sorted(tests, key=lambda test: test.stage)  # stable, as cocotb's own sort


def _seed_as_alone(test: Test) -> None:
    # What cocotb's regression manager does before it starts ``test`` in a lone run.
    seed = _REGRESSION_SEED + int(hashlib.sha1(test.fullname.encode()).hexdigest(), 16)
    random.seed(seed)
    cocotb.types._resolve._randomResolveRng.seed(seed)
    cocotb.RANDOM_SEED = seed


class _Candidate:
    """What a test sees as ``dut``: the ports of the task (the scope's signals, which the batch
    wires to the candidate's instance) and, behind them, the candidate's own hierarchy."""

    def __init__(self, scope, design) -> None:
        object.__setattr__(self, "_scope", scope)
        object.__setattr__(self, "_design", design)

    def __getattr__(self, name: str):
        try:
            return getattr(self._scope, name)
        except AttributeError:
            return getattr(self._design, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._scope if hasattr(self._scope, name) else self._design, name, value)


def _on_instance(test: Test, instance: str, design_instance: str):
    async def run_on_instance(top, *args, **kwargs):
        _seed_as_alone(test)
        scope = getattr(top, instance)
        dut = _Candidate(scope, getattr(scope, design_instance))
        whole = cocotb.top
        cocotb.top = dut  # type: ignore[assignment]  # the test's top is its candidate's scope, as when alone
        try:
            await test.func(dut, *args, **kwargs)
        finally:
            cocotb.top = whole
    return run_on_instance


def _batch_tests(batch: dict) -> dict[str, Test]:
    tests = _task_tests(batch["test_module"])
    batched: dict[str, Test] = {}
    for instance in batch["instances"]:
        for test in tests:
            name = f"{instance}{batch['separator']}{test.name}"
            batched[f"batch_{len(batched)}"] = Test(
                func=_on_instance(test, instance, batch["design_instance"]), args=test.args, kwargs=test.kwargs,
                name=name,
                module=test.module, doc=test.doc, timeout=test.timeout, expect_fail=test.expect_fail,
                expect_error=test.expect_error, skip=test.skip, stage=0)
    return batched


globals().update(_batch_tests(json.loads(os.environ["RTLWB_BATCH"])))
