import shutil
from pathlib import Path

from tests.conftest import copy_task
from workbench.eval.selftest import check_suite
from workbench.scorer.result import Status
from workbench.task.suite import load_suite

OPTIMIZE_TASK = Path(__file__).parents[1] / "scorer" / "optimize_task"

WEAK_TEST = '''import cocotb
from cocotb.triggers import Timer


@cocotb.test()
async def looks_at_nothing(dut):
    await Timer(10, unit="ns")
'''


def test_good_task_passes_and_weak_testbench_is_caught(tmp_path):
    suite_dir = tmp_path / "mini"
    copy_task(suite_dir, "good")
    weak = copy_task(suite_dir, "weak")
    (weak / "test_doctor.py").write_text(WEAK_TEST)
    summary = check_suite(load_suite(suite_dir), ["icarus"], jobs=2)
    rows = {row.task_id: row for row in summary.rows}
    assert rows["good"].golden == Status.PASS and rows["good"].stub == Status.FAIL_FUNCTIONAL
    assert rows["weak"].golden == Status.PASS and rows["weak"].stub == Status.PASS
    assert (summary.tasks, summary.golden_pass, summary.stub_fail) == (2, 2, 1)
    assert not summary.ok


def test_broken_reference_and_malformed_task_are_reported(tmp_path):
    suite_dir = tmp_path / "mini"
    broken = copy_task(suite_dir, "broken")
    (broken / "reference.sv").write_text((broken / "reference.sv").read_text().replace("4'd1", "4'd3"))
    malformed = copy_task(suite_dir, "malformed")
    (malformed / "task.toml").write_text("id = 'malformed'\n")
    summary = check_suite(load_suite(suite_dir), ["icarus"])
    assert summary.tasks == 1 and summary.golden_pass == 0
    assert summary.rows[0].golden == Status.FAIL_FUNCTIONAL
    assert len(summary.malformed) == 1 and "malformed/task.toml" in summary.malformed[0]
    assert not summary.ok


def test_an_optimize_task_proves_its_reference_better_and_its_given_design_not_better_than_itself(tmp_path):
    suite_dir = tmp_path / "optimize"
    shutil.copytree(OPTIMIZE_TASK, suite_dir / "shared_mac")
    summary = check_suite(load_suite(suite_dir), ["icarus"])
    [row] = summary.rows
    assert row.golden == Status.PASS and row.stub == Status.FAIL_FUNCTIONAL
    assert row.given == Status.FAIL_NOT_BETTER and row.given_ok
    assert row.equivalence == "equivalent" and row.improvement is not None and row.improvement > 0.2
    assert summary.ok

    # A given design that is no worse than the reference: the reference is then not better.
    (suite_dir / "shared_mac" / "given.sv").write_text((suite_dir / "shared_mac" / "reference.sv").read_text())
    summary = check_suite(load_suite(suite_dir), ["icarus"])
    [row] = summary.rows
    assert row.golden == Status.FAIL_NOT_BETTER and not summary.ok
    assert "not better" in row.evidence
