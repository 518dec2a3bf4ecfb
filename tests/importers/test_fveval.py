"""FVEval import on synthetic CSVs in the public format, self-tested by the real judge: nl2sva
references that hold are proven, a planted false one and an unsupported one are errata (on the
design's task and on the nl2sva property), trials are one problem, design2sva tasks have no
reference and are scored by proof."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from workbench.importers.fveval import import_fveval, read_rows, relabel
from workbench.scorer.assertion import score_assertions
from workbench.scorer.result import Status
from workbench.task.format import TaskFormatError
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures" / "fveval"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    report = import_fveval(FIXTURES, out=tmp_path_factory.mktemp("suites") / "fveval", jobs=2)
    return report, {task.id: task for task in load_suite(report.folder).tasks}


@pytest.mark.slow  # the shared import self-tests the suite: about 30 s
def test_rows_become_tasks_grouped_by_design(imported):
    _, tasks = imported
    assert sorted(tasks) == ["design2sva_fsm_toggle_0", "nl2sva_human_pulse", "nl2sva_machine_nl2sva_machine"]
    pulse = tasks["nl2sva_human_pulse"]
    assert pulse.config.top == "pulse_tb" and pulse.config.reset.name == "reset_" and pulse.config.reset.active_low
    posed = pulse.nl2sva_tasks()
    assert [p.id for p in posed] == ["nl2sva_human_pulse.pulse_0", "nl2sva_human_pulse.pulse_1",
                                     "nl2sva_human_pulse.pulse_2"]  # pulse_1_trial1/2 are one problem
    assert posed[0].reference_text().startswith("pulse_0: assert property (@(posedge clk) disable iff (tb_reset)")
    machine = tasks["nl2sva_machine_nl2sva_machine"].nl2sva_tasks()
    assert [p.nl_property.id for p in machine] == ["p_1_0_0", "p_1_1_0", "p_1_2_0", "p_1_3_0"]


@pytest.mark.slow
def test_golden_self_test_reports_each_failing_reference(imported):
    report, _ = imported
    failing = {e.task: e.evidence for e in report.errata if e.problem == "reference-fails"}
    # nl2sva answers are judged by equivalence: references must parse, elaborate and lower; the
    # planted false one (pulse_2: in_d1 |-> in_pulse) is not proven on the signal context and need not be.
    assert set(failing) == {"nl2sva_machine_nl2sva_machine", "nl2sva_machine_nl2sva_machine.p_1_2_0",
                            "nl2sva_machine_nl2sva_machine.p_1_3_0"}
    assert failing["nl2sva_machine_nl2sva_machine.p_1_2_0"].startswith("p_1_2_0: unsupported")
    # One reference that does not parse does not hide the verdicts of the others.
    assert failing["nl2sva_machine_nl2sva_machine.p_1_3_0"].startswith("p_1_3_0: syntax_error: line 2")
    assert "2 of 4 golden assertions fail the self-test" in failing["nl2sva_machine_nl2sva_machine"]
    assert report.golden_pass == 2  # the pulse references, and design2sva's design reads into the formal tools


def test_nl2sva_answers_are_judged_by_equivalence_alone(imported, tmp_path):
    _, tasks = imported
    posed = {p.id: p for p in tasks["nl2sva_human_pulse"].nl2sva_tasks()}
    task = posed["nl2sva_human_pulse.pulse_2"]
    assert task.config.nl2sva_judged_by == "equivalence"
    same = score_assertions(task, task.reference_text(), tmp_path / "same")
    assert same.status == Status.PASS and same.formal.relation == "equivalent"
    other = score_assertions(task, posed["nl2sva_human_pulse.pulse_0"].reference_text().replace("pulse_0", "pulse_2"),
                             tmp_path / "other")
    assert other.status == Status.FAIL_FUNCTIONAL


@pytest.mark.slow
def test_design2sva_has_no_reference_and_a_trivial_answer_fails_it(imported):
    report, tasks = imported
    task = tasks["design2sva_fsm_toggle_0"]
    assert task.config.top == "toggle_fsm" and "assert" not in task.reference_text().replace("assertion", "")
    assert "no-reference" in task.config.tags and "tb_reset" in task.spec.detailed
    # Scored by proof, with the tautology check: `assert property (@(posedge clk) 1'b1);` fails.
    assert report.stub_fail == report.tasks


def test_relabel_and_bad_csvs(tmp_path):
    assert relabel("asrt : assert property (@(posedge clk) a);", "p_1") == "p_1: assert property (@(posedge clk) a);"
    assert relabel("assert property (@(posedge clk) a);", "p_1") == "p_1: assert property (@(posedge clk) a);"
    broken = tmp_path / "nl2sva_human.csv"
    with broken.open("w", newline="") as handle:
        csv.writer(handle).writerows([["design_name", "task_id", "prompt"], ["d", "t", "p"]])
    with pytest.raises(TaskFormatError, match=r"nl2sva_human.csv: missing column\(s\) ref_solution, testbench"):
        read_rows(broken)
    with pytest.raises(TaskFormatError, match="no FVEval CSV found"):
        import_fveval(tmp_path / "empty", check=False)
    shutil.copy(FIXTURES / "design2sva_fsm.csv", tmp_path / "other.csv")
    with pytest.raises(TaskFormatError, match=r"other\.csv: not an FVEval CSV"):
        import_fveval(tmp_path / "other.csv", check=False)


def test_a_copy_holding_the_same_files_twice_imports_each_problem_once(tmp_path):
    copy = tmp_path / "fveval"
    shutil.copytree(FIXTURES, copy / "data")
    shutil.copytree(FIXTURES, copy / "all")  # the same CSVs a second time, as in a combined download
    once = import_fveval(FIXTURES, out=tmp_path / "once", check=False)
    twice = import_fveval(copy, out=tmp_path / "twice", check=False)
    assert twice.tasks == once.tasks
    assert sum("a second problem with the id" in s.reason for s in twice.skipped) == once.tasks
