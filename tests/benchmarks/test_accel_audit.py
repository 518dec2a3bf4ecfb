"""The accel testbenches under mutation, in CI: a fixed-seed sample of each task's single-edit
mutants (docs/audit.md) must be killed by the task's tests unless the equivalence checker shows the
mutant is no mistake. `make audit` runs the full audit; this sample keeps the claim honest on every
commit at a fraction of its cost."""

from __future__ import annotations

import pytest

from workbench.eval.audit import AuditStatus, audit_suite
from workbench.task.suite import load_suite

SAMPLE = 4  # mutants per task; with 45 tasks about 180 mutants, every task represented (`make audit`: all)
SEED = 0
MIN_KILL = 0.98


@pytest.mark.slow
def test_sampled_mutants_of_every_accel_task_are_killed_or_equivalent(tmp_path):
    report = audit_suite(load_suite("accel"), tmp_path, sample=SAMPLE, seed=SEED, jobs=2)
    not_audited = [f"{t.task_id}: {t.status.value} {t.message}" for t in report.tasks
                   if t.status != AuditStatus.AUDITED]
    assert not not_audited, "\n".join(not_audited)
    gaps = [f"{t.task_id} {s.mutant_id} ({s.description}): {s.label}"
            for t in report.tasks for s in t.survivors if not s.is_equivalent]
    assert not report.shortfalls(MIN_KILL), "\n".join(report.shortfalls(MIN_KILL) + gaps)
    assert report.mutants >= SAMPLE * len(report.tasks) * 0.9  # the sample really was drawn and scored
