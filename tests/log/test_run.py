import pytest

from workbench.log.run import CompletionRecord, RunConfig, RunConflictError, RunLog, SampleRecord
from workbench.scorer.result import Status


def _completion(sample: int) -> CompletionRecord:
    return CompletionRecord(task_id="t", suite="s", sample=sample, template="spec-to-rtl@1", messages=[],
                            completion=f"answer {sample}", model="m")


def test_partial_last_line_after_a_crash_is_cut_off(tmp_path):
    config = RunConfig(suites=["s"], model="m")
    log = RunLog.open(tmp_path / "run", "run", config, {})
    log.append_completion(_completion(0))
    with open(log.completions_path, "a") as handle:
        handle.write('{"task_id": "t", "sui')  # what kill -9 in the middle of a write leaves
    reopened = RunLog.open(tmp_path / "run", "run", config, {})
    assert [c.sample for c in reopened.completions()] == [0]
    reopened.append_completion(_completion(1))
    assert [c.sample for c in reopened.completions()] == [0, 1]


def test_a_run_id_cannot_be_reused_with_another_configuration(tmp_path):
    RunLog.open(tmp_path / "run", "run", RunConfig(suites=["s"], model="m"), {})
    with pytest.raises(RunConflictError, match="different configuration"):
        RunLog.open(tmp_path / "run", "run", RunConfig(suites=["s"], model="m", n=2), {})


def test_run_json_and_sqlite_index(tmp_path):
    log = RunLog.open(tmp_path / "run", "run", RunConfig(suites=["s"], model="m"), {"icarus": "11.0"})
    info = log.info()
    assert info.tool_versions == {"icarus": "11.0"} and info.config.model == "m" and info.workbench_version
    record = SampleRecord(task_id="t", suite="s", sample=0, category="c", difficulty="easy", spec_level="detailed",
                          status=Status.PASS, candidate_key="x")
    log.append_sample(record)
    log.index_path.unlink()
    log.rebuild_index()
    assert log.query("SELECT task_id, status FROM samples") == [("t", "pass")]
