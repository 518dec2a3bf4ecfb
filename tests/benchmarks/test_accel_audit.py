"""The accel testbenches under mutation, in CI: a fixed-seed sample of single-edit mutants
(docs/audit.md) of a fixed half of the tasks must be killed by the task's tests unless the
equivalence checker shows the mutant is no mistake. `make audit` runs the full audit; this sample
keeps the claim honest on every commit at a fraction of its cost."""

from __future__ import annotations

import pytest

from workbench.eval.audit import AuditStatus, audit_suite
from workbench.task.suite import Suite, load_suite

SAMPLE = 4  # mutants per task (`make audit`: all of them, every task)
SEED = 0
MIN_KILL = 0.98
# Every other task in id order: a task's fixed cost (its reference run, survivors' proofs) dominates
# the sample's time, and the full audit covers every task.
SUITE = load_suite("accel")
TASKS = sorted(SUITE.tasks, key=lambda task: task.id)[::2]


@pytest.mark.slow
def test_sampled_mutants_of_half_the_accel_tasks_are_killed_or_equivalent(tmp_path):
    report = audit_suite(Suite(SUITE.name, SUITE.folder, TASKS), tmp_path, sample=SAMPLE, seed=SEED, jobs=2)
    not_audited = [f"{t.task_id}: {t.status.value} {t.message}" for t in report.tasks
                   if t.status != AuditStatus.AUDITED]
    assert not not_audited, "\n".join(not_audited)
    gaps = [f"{t.task_id} {s.mutant_id} ({s.description}): {s.label}"
            for t in report.tasks for s in t.survivors if not s.is_equivalent]
    assert not report.shortfalls(MIN_KILL), "\n".join(report.shortfalls(MIN_KILL) + gaps)
    assert report.mutants >= SAMPLE * len(report.tasks) * 0.9  # the sample really was drawn and scored
