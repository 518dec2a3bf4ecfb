"""The accel suite proves itself: on every simulator a task claims its reference passes; on the
default simulator (Icarus) its port-only stub and each deliberately wrong variant kept here fail
its tests. (A mutant's failure is a property of the testbench, shown once; building every mutant
with Verilator too would double CI time for no new evidence.)

The same answers (the distinct answers of the perf candidate set, benchmarks/perf/scoring.py) are
also scored batched, several per simulator process: each must get the verdict it got alone."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import batched
from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score, score_many
from workbench.task.stub import port_only_stub
from workbench.task.suite import load_suite

SUITE = load_suite("accel")
WRONG = Path(__file__).parent / "accel"
CATEGORIES = {"arithmetic", "datapath", "memory", "control", "activation"}


def _wrong_variants(task_id: str) -> list[Path]:
    return sorted((WRONG / task_id).glob("wrong_*.sv"))


DEFAULT_SIMULATOR = "icarus"


def _other_simulator_cases():
    for task in SUITE.tasks:
        for sim in task.config.simulators:
            if sim != DEFAULT_SIMULATOR:
                yield pytest.param(task, sim, "reference", id=f"{task.id}-{sim}-reference")
        if task.config.chisel is not None:
            for sim in task.config.simulators:
                yield pytest.param(task, sim, "chisel", id=f"{task.id}-{sim}-chisel-reference")


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
@pytest.mark.parametrize("task", SUITE.tasks, ids=lambda t: t.id)
def test_task_proves_itself_on_icarus_alone_and_batched(task):
    answers = {"reference": task.reference_text(), "stub": port_only_stub(task.config)}
    answers |= {variant.stem: variant.read_text() for variant in _wrong_variants(task.id)}
    alone = {name: score(task, answer, DEFAULT_SIMULATOR) for name, answer in answers.items()}
    for name, result in alone.items():
        expected = Status.PASS if name == "reference" else Status.FAIL_FUNCTIONAL
        assert result.status == expected, f"{name}: {result.summary()}\n{result.diagnostics}"
    names = [*answers, "reference"]  # and a duplicate, in the same batch as its original
    together = score_many(task, [answers[name] for name in names], DEFAULT_SIMULATOR)
    assert all(batched(result) for result in together), [r.summary() for r in together if not batched(r)]
    for name, result in zip(names, together):
        assert result.verdict() == alone[name].verdict(), f"{name} batched: {result.summary()}"


@pytest.mark.slow
@pytest.mark.parametrize(("task", "sim", "design"), list(_other_simulator_cases()))
def test_task_proves_itself(task, sim, design):
    language = "chisel" if design == "chisel" else "systemverilog"
    result = score(task, task.reference_text(language), sim, ScoreOptions(language=language))
    assert result.status == Status.PASS, result.summary() + "\n" + result.diagnostics
