"""The accel suite proves itself: on every simulator a task claims its reference passes; on the
default simulator (Icarus) its port-only stub and each deliberately wrong variant kept here fail
its tests. (A mutant's failure is a property of the testbench, shown once; building every mutant
with Verilator too would double CI time for no new evidence.)"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from workbench.result import Status
from workbench.scorer import ScoreOptions, score
from workbench.stub import port_only_stub
from workbench.suite import load_suite

SUITE = load_suite("accel")
WRONG = Path(__file__).parent / "accel"
CATEGORIES = {"arithmetic", "datapath", "memory", "control", "activation"}


def _wrong_variants(task_id: str) -> list[Path]:
    return sorted((WRONG / task_id).glob("wrong_*.sv"))


DEFAULT_SIMULATOR = "icarus"


def _cases():
    for task in SUITE.tasks:
        for sim in task.config.simulators:
            yield pytest.param(task, sim, "reference", id=f"{task.id}-{sim}-reference")
        if task.config.chisel is not None:
            for sim in task.config.simulators:
                yield pytest.param(task, sim, "chisel", id=f"{task.id}-{sim}-chisel-reference")
        yield pytest.param(task, DEFAULT_SIMULATOR, "stub", id=f"{task.id}-{DEFAULT_SIMULATOR}-stub")
        for variant in _wrong_variants(task.id):
            yield pytest.param(task, DEFAULT_SIMULATOR, variant, id=f"{task.id}-{DEFAULT_SIMULATOR}-{variant.stem}")


def test_suite_loads_without_malformed_tasks():
    assert not SUITE.problems, "\n".join(map(str, SUITE.problems))


def test_at_least_fifteen_tasks_take_chisel_answers():
    assert sum(task.config.chisel is not None for task in SUITE.tasks) >= 15


def test_suite_size_and_coverage():
    assert len(SUITE.tasks) >= 40
    levels = defaultdict(set)
    for task in SUITE.tasks:
        levels[task.config.category].add(task.config.difficulty.value)
        assert set(task.config.simulators) == {"icarus", "verilator"}, task.id
    assert set(levels) == CATEGORIES
    for category, seen in levels.items():
        assert seen == {"easy", "medium", "hard"}, category


@pytest.mark.parametrize("task", SUITE.tasks, ids=lambda t: t.id)
def test_every_task_has_three_documented_wrong_variants(task):
    variants = _wrong_variants(task.id)
    assert len(variants) >= 3
    for variant in variants:
        assert variant.read_text().startswith("// wrong: "), variant


def _cocotb_tests(module: ast.Module) -> list[ast.AsyncFunctionDef]:
    return [node for node in module.body if isinstance(node, ast.AsyncFunctionDef)
            and any("cocotb.test" in ast.unparse(d) for d in node.decorator_list)]


@pytest.mark.parametrize("task", SUITE.tasks, ids=lambda t: t.id)
def test_testbench_follows_the_suite_conventions(task):
    source = (task.folder / f"{task.test_module}.py").read_text()
    tests = _cocotb_tests(ast.parse(source))
    assert len(tests) >= 2, "directed and random tests expected"
    for test in tests:
        decorator = next(d for d in test.decorator_list if "cocotb.test" in ast.unparse(d))
        assert "timeout_time" in ast.unparse(decorator), f"{test.name} does not bound simulated time"
    assert "rng()" in source, "random tests must use the seeded workbench.tb.rng()"
    if task.config.reset is not None:
        assert "reset" in source, "reset behaviour is not exercised"


@pytest.mark.slow
@pytest.mark.parametrize(("task", "sim", "design"), list(_cases()))
def test_task_proves_itself(task, sim, design):
    if design == "reference":
        result = score(task, task.reference_text(), sim)
        assert result.status == Status.PASS, result.summary() + "\n" + result.diagnostics
    elif design == "chisel":
        result = score(task, task.reference_text("chisel"), sim, ScoreOptions(language="chisel"))
        assert result.status == Status.PASS, result.summary() + "\n" + result.diagnostics
    elif design == "stub":
        result = score(task, port_only_stub(task.config), sim)
        assert result.status == Status.FAIL_FUNCTIONAL, result.summary()
    else:
        result = score(task, design.read_text(), sim)
        assert result.status == Status.FAIL_FUNCTIONAL, result.summary() + "\n" + result.diagnostics
