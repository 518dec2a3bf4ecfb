from tests.conftest import copy_task
from workbench.eval.selftest import check_suite
from workbench.scorer.result import Status
from workbench.task.suite import load_suite

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
