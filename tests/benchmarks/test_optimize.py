"""The optimize suite: at least 20 rtl-optimize tasks across the kinds of inefficiency the issue
names, every one self-tested by `rtlwb check --suite optimize` (its reference passes its tests, is
proven equivalent to the given design and better; the given design is not better than itself). CI
self-tests a sample of one task per goal; the whole suite is `make check`."""

from __future__ import annotations

import pytest

from workbench.eval.selftest import check_suite
from workbench.scorer.result import Status
from workbench.task.format import TaskKind
from workbench.task.suite import Suite, load_suite

SUITE = load_suite("optimize")


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
