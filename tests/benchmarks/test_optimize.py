"""The optimize suite: at least 20 rtl-optimize tasks across the kinds of inefficiency the issue
names, every one self-tested by `rtlwb check --suite optimize` (its reference passes its tests, is
proven equivalent to the given design and better; the given design is not better than itself). CI
self-tests a sample of one task per goal; the whole suite is `make check`. The tests of every task
catch its port-only stub and at least three deliberately wrong variants kept here
(tests/benchmarks/optimize/<id>/wrong_*.sv), while its given design and reference pass them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.eval.selftest import check_suite
from workbench.scorer.result import Status
from workbench.scorer.simulation import score_many
from workbench.task.format import Task, TaskKind
from workbench.task.stub import port_only_stub
from workbench.task.suite import Suite, load_suite

SUITE = load_suite("optimize")
WRONG = Path(__file__).parent / "optimize"


def test_the_suite_has_twenty_well_formed_tasks_of_every_goal() -> None:
    assert not SUITE.problems, "\n".join(map(str, SUITE.problems))
    assert len(SUITE.tasks) >= 20
    assert all(task.config.kind == TaskKind.RTL_OPTIMIZE for task in SUITE.tasks)
    goals = {task.config.optimize.goal for task in SUITE.tasks if task.config.optimize}
    assert goals == {"area", "delay", "area-delay"}
    assert len({task.config.category for task in SUITE.tasks}) >= 8


def test_no_given_design_is_its_reference() -> None:
    same = [task.id for task in SUITE.tasks if task.given_text().strip() == task.reference_text().strip()]
    assert not same


def _one_task_per_goal() -> list[str]:
    chosen: dict[str, str] = {}
    for task in sorted(SUITE.tasks, key=lambda task: task.id):
        assert task.config.optimize is not None
        chosen.setdefault(task.config.optimize.goal, task.id)
    return sorted(chosen.values())


@pytest.mark.slow
def test_a_sample_of_the_suite_proves_itself() -> None:
    sample = _one_task_per_goal()
    suite = Suite(name=SUITE.name, folder=SUITE.folder, tasks=[t for t in SUITE.tasks if t.id in sample])
    summary = check_suite(suite, ["icarus"], jobs=2)
    assert summary.ok, "\n".join(f"{row.task_id}: {row.evidence}" for row in summary.rows if not row.ok)
    for row in summary.rows:
        assert row.golden == Status.PASS and row.given == Status.FAIL_NOT_BETTER
        assert row.improvement is not None and row.improvement >= 0.02


def _wrong_variants(task_id: str) -> list[Path]:
    return sorted((WRONG / task_id).glob("wrong_*.sv"))


@pytest.mark.parametrize("task", SUITE.tasks, ids=lambda t: t.id)
def test_every_task_has_three_documented_wrong_variants(task: Task) -> None:
    variants = _wrong_variants(task.id)
    assert len(variants) >= 3
    for variant in variants:
        assert variant.read_text().startswith("// wrong: "), variant


@pytest.mark.slow
@pytest.mark.parametrize("task", SUITE.tasks, ids=lambda t: t.id)
def test_the_tests_pass_both_designs_and_fail_the_stub_and_every_wrong_variant(task: Task) -> None:
    answers = {"given": task.given_text(), "reference": task.reference_text(), "stub": port_only_stub(task.config)}
    answers |= {variant.stem: variant.read_text() for variant in _wrong_variants(task.id)}
    results = dict(zip(answers, score_many(task, list(answers.values()), "icarus"), strict=True))
    for name, result in results.items():
        expected = Status.PASS if name in ("given", "reference") else Status.FAIL_FUNCTIONAL
        assert result.status == expected, f"{name}: {result.summary()}\n{result.diagnostics}"
