"""The testbench audit of an imported suite (``rtlwb import ... --audit``).

Public suites grade answers by simulation alone, and their testbenches often sample few vectors.
After the import, the mutation audit (:func:`workbench.eval.audit.audit_suite`) scores single-edit
mutants of each reference with the task's own testbench and classifies the survivors by
equivalence. Every survivor that counts against the testbench (neither equivalent nor differing
only in X) becomes a ``testbench-gap`` note in the suite's errata: a confirmed gap (different, and
the replay of the counterexample in simulation fails it) or an undecided one (the checker could
not tell, or the replay did not confirm it), with the counterexample table when there is one. The
notes exclude nothing: the reference is right, but answers that pass this task's tests may not be.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from workbench.eval.audit import AuditProgress, AuditReport, AuditStatus, Survivor, TaskAudit, audit_suite
from workbench.task.errata import Erratum
from workbench.task.suite import Suite

WEAK_KILL_RATE = 0.98  # a task whose kill rate is below this one has a weak testbench (the bar)


@dataclass(frozen=True)
class ImportAudit:
    """The audit an import runs after the self-test: ``sample`` mutants per task drawn with ``seed``
    (all when None); ``progress`` hears of its work."""

    sample: int | None = None
    seed: int = 0
    progress: AuditProgress | None = None


class AuditFigures(BaseModel):
    """What the audit of an imported suite found, in counts: ``mutants`` = ``killed`` +
    ``equivalent`` + ``x_only`` + ``different`` + ``undecided``."""

    sample: int | None  # mutants drawn per task (None: all)
    seed: int
    tasks: int  # tasks audited (their reference passes its tests and has mutants)
    not_audited: dict[str, int]  # the other tasks by why: reference_fails, no_mutants, error
    mutants: int  # mutants the testbench gave a verdict on (drawn, less those that did not build)
    killed: int
    equivalent: int
    x_only: int  # differ from the reference only in X, which no simulation shows: not counted
    different: int  # confirmed gaps: the replay of the counterexample passes the reference and fails the mutant
    undecided: int  # the checker could not decide, or the replay did not confirm the difference
    kill_rate: float | None  # killed / (mutants - equivalent - x_only)
    weak_tasks: int  # audited tasks whose kill rate is below weak_below
    weak_below: float = WEAK_KILL_RATE

    @classmethod
    def of(cls, report: AuditReport) -> AuditFigures:
        audited = [task for task in report.tasks if task.status == AuditStatus.AUDITED]
        return cls(sample=report.sample, seed=report.seed, tasks=len(audited),
                   not_audited=dict(Counter(t.status.value for t in report.tasks if t.status != AuditStatus.AUDITED)),
                   mutants=report.mutants, killed=report.killed, equivalent=report.equivalent, x_only=report.x_only,
                   different=report.gaps, undecided=report.undecided, kill_rate=report.kill_rate,
                   weak_tasks=sum(t.kill_rate is not None and t.kill_rate < WEAK_KILL_RATE for t in audited))


def audit_imported_suite(suite: Suite, audit: ImportAudit, jobs: int) -> tuple[AuditFigures, list[Erratum]]:
    """Audit every task of ``suite`` with a reference on ``jobs`` processes: the figures, a
    testbench-gap note per survivor that counts against the testbench, and a note per task the
    audit could not run on (a reference that fails its tests is the self-test's erratum already)."""
    with tempfile.TemporaryDirectory(prefix="rtlwb-import-audit-") as scratch:
        report = audit_suite(suite, Path(scratch), sample=audit.sample, seed=audit.seed, jobs=jobs,
                             progress=audit.progress)
    return AuditFigures.of(report), [note for task in report.tasks for note in _notes(task)]


def _notes(audit: TaskAudit) -> list[Erratum]:
    if audit.status == AuditStatus.ERROR:
        return [Erratum(task=audit.task_id, problem="other", action="note", source="audit",
                        evidence=f"the testbench audit could not run: {audit.message}")]
    return [gap_note(audit.task_id, survivor) for survivor in audit.survivors if survivor.counts]


def gap_note(task_id: str, survivor: Survivor) -> Erratum:
    """The note of a mutant that passed ``task_id``'s tests and counts against them."""
    if survivor.is_gap:
        finding = "it differs from the reference on the input sequence below, and a replay in simulation fails it"
    elif survivor.is_different:
        finding = (f"undecided: the checker finds the input sequence below, but its replay in simulation does not "
                   f"confirm it ({survivor.test_message or 'not run'})")
    else:
        finding = "undecided: the equivalence checker could not tell whether it differs from the reference"
    table = survivor.counterexample.table() if survivor.counterexample is not None else ""
    return Erratum(task=task_id, problem="testbench-gap", action="note", source="audit", mutant=survivor.mutant_id,
                   equivalence=survivor.equivalence, counterexample=table,
                   evidence=f"mutant {survivor.description} passes the testbench; {finding} [{survivor.label}]")
