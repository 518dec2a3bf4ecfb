import json
import shutil
from pathlib import Path

import pydantic_core
import pytest

from workbench.log.run import (
    CompletionRecord,
    ModelSettings,
    RunConfig,
    RunConflictError,
    RunLog,
    SampleRecord,
    ScoringSettings,
    Selection,
    SolverSettings,
)
from workbench.model import GenerateConfig
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
    assert info.tool_versions == {"icarus": "11.0"} and info.config.model.name == "m" and info.workbench_version
    record = SampleRecord(task_id="t", suite="s", sample=0, category="c", difficulty="easy", spec_level="detailed",
                          status=Status.PASS, candidate_key="x")
    log.append_sample(record)
    log.index_path.unlink()
    log.rebuild_index()
    assert log.query("SELECT task_id, status FROM samples") == [("t", "pass")]


# A run.json written before the configuration was grouped (by `rtlwb bench run --suite accel --model reference`).
FLAT_RUN = Path(__file__).with_name("run_flat_layout.json")


def test_a_run_folder_of_the_flat_layout_loads_and_resumes(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(FLAT_RUN, folder / "run.json")
    config = RunLog(folder).info().config
    assert (config.selection.suites, config.model.name, config.solver.pipeline, config.scoring.simulator) == (
        ["accel"], "reference", "direct", "icarus")
    flat = json.loads(FLAT_RUN.read_text())["config"]
    assert pydantic_core.to_json(config.flat()) == json.dumps(flat, separators=(",", ":")).encode()
    # The same command builds the grouped configuration: the run continues instead of conflicting.
    same = RunConfig(selection=Selection(suites=["accel"]), model=ModelSettings(name="reference"))
    RunLog.open(folder, "b", same, {})
    with pytest.raises(RunConflictError):
        RunLog.open(folder, "b", same.model_copy(update={"solver": SolverSettings(pipeline="rag")}), {})


def test_the_flat_keywords_make_the_grouped_configuration():
    flat = RunConfig(suites=["accel"], tasks=["relu"], model="m", base_url="http://x", n=2, k=[1, 2],
                     simulator="verilator", pipeline="repair", repair_rounds=2, seed=5,
                     generation=GenerateConfig(temperature=0.7))
    grouped = RunConfig(selection=Selection(suites=["accel"], tasks=["relu"], n=2, k=[1, 2]),
                        model=ModelSettings(name="m", base_url="http://x", seed=5,
                                            generation=GenerateConfig(temperature=0.7)),
                        solver=SolverSettings(pipeline="repair", repair_rounds=2),
                        scoring=ScoringSettings(simulator="verilator"))
    assert flat == grouped == RunConfig.model_validate_json(grouped.model_dump_json())
