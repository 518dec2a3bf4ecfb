"""The replay reader: every id a user holds for a task (ours, the public suite's in any case,
suite/id), lines that match no task, and files that cannot be read as they stand, on the synthetic
VerilogEval and RTLLM copies imported as suites."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.fixtures.imported_suites import RTLLM_MIXED_CASE, rtllm_suite, verilog_eval_suite
from workbench.model import GenerateConfig, ModelError, ReplayModel, SampleContext
from workbench.task.format import Task
from workbench.task.suite import load_suite


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, list[Task]]:
    folder = tmp_path_factory.mktemp("suites")
    return {"verilog-eval": load_suite(verilog_eval_suite(folder)).tasks,
            "rtllm": load_suite(rtllm_suite(folder)).tasks}


def _replay(path: Path, records: list[dict]) -> ReplayModel:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return ReplayModel(path)


def _answers(replay: ReplayModel, tasks: list[Task]) -> dict[str, str]:
    return {task.id: replay.generate([], GenerateConfig(), SampleContext(task, 0)).text for task in tasks}


def test_verilog_eval_ids_in_any_case_and_suite_slash_id_find_their_tasks(imported, tmp_path):
    tasks = imported["verilog-eval"]
    replay = _replay(tmp_path / "samples.jsonl", [
        {"task_id": "Prob001_and2", "completion": "one"},  # the suite's own id
        {"task_id": "PROB002_COUNT4", "completion": "two"},  # in another case
        {"task_id": "verilog-eval-spec-to-rtl/prob003_weak", "completion": "three"}])  # suite/id
    assert replay.bind(tasks) == []
    assert _answers(replay, tasks) == {"prob001_and2": "one", "prob002_count4": "two", "prob003_weak": "three"}


def test_rtllm_design_names_find_their_tasks(imported, tmp_path):
    tasks = imported["rtllm"]
    replay = _replay(tmp_path / "rtllm.jsonl", [
        {"task_id": RTLLM_MIXED_CASE, "completion": "rom"},  # RTLLM's design name, as its files give it
        {"task_id": "Arithmetic/Adder/adder_4bit", "completion": "adder"},  # the design's path in the copy
        {"task_id": "pulse_gen", "completion": "pulse"}])  # our id
    assert replay.bind(tasks) == []
    assert _answers(replay, tasks) == {"adder_4bit": "adder", "lut_rom": "rom", "pulse_gen": "pulse"}


def test_a_line_that_matches_no_task_is_returned_with_its_line(imported, tmp_path):
    replay = _replay(tmp_path / "mixed.jsonl", [{"task_id": "Prob001_and2", "completion": "x"},
                                                 {"task_id": "Prob999_missing", "completion": "y"}])
    unmatched = replay.bind(imported["verilog-eval"])
    assert [(replay.where(record), record.task_id) for record in unmatched] == [
        (f"{tmp_path / 'mixed.jsonl'}:2", "Prob999_missing")]


def test_a_suite_field_picks_the_task_among_suites_with_the_same_id(imported, tmp_path):
    original = imported["verilog-eval"][0]
    copy = tmp_path / "ve-copy"
    shutil.copytree(original.folder.parent, copy)
    both = [original, *(t for t in load_suite(copy).tasks if t.id == original.id)]
    replay = _replay(tmp_path / "suites.jsonl", [{"task_id": "Prob001_and2", "suite": "ve-copy", "completion": "c"}])
    assert replay.bind(both) == []
    assert replay.samples_by_task() == {("ve-copy", original.id): 1}


def test_one_task_and_sample_given_twice_names_both_lines(imported, tmp_path):
    same_id = tmp_path / "same.jsonl"
    same_id.write_text("".join(json.dumps({"task_id": "Prob001_and2", "sample": 0, "completion": c}) + "\n"
                               for c in "ab"))
    with pytest.raises(ModelError, match=r"same\.jsonl:2: task 'Prob001_and2' sample 0 is given twice, on lines 1 "
                                         r"and 2"):
        ReplayModel(same_id)
    # Two ids of one task: found when the lines are matched with the tasks.
    replay = _replay(tmp_path / "aliases.jsonl", [{"task_id": "Prob001_and2", "completion": "a"},
                                                   {"task_id": "prob002_count4", "completion": "b"},
                                                   {"task_id": "prob001_and2", "completion": "c"}])
    with pytest.raises(ModelError, match=r"aliases\.jsonl:3: task verilog-eval-spec-to-rtl/prob001_and2 sample 0 is "
                                         r"given twice, on lines 1 \('Prob001_and2'\) and 3 \('prob001_and2'\)"):
        replay.bind(imported["verilog-eval"])


def test_a_line_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"task_id": "a", "completion": "x"}\n{"task_id": "b", "completion": "caf\xe9"}\n')
    with pytest.raises(ModelError, match=r"latin1\.jsonl:2: not UTF-8 text \(byte 0xe9 at column 36\)"):
        ReplayModel(path)


@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_a_file_without_records_is_an_error(tmp_path, content):
    path = tmp_path / "empty.jsonl"
    path.write_text(content)
    with pytest.raises(ModelError, match=r"empty\.jsonl: no completions in the file"):
        ReplayModel(path)


@pytest.mark.parametrize("sample", ["first", -1, 1.5, True])
def test_a_sample_that_is_no_whole_number_is_named(tmp_path, sample):
    path = tmp_path / "samples.jsonl"
    path.write_text(json.dumps({"task_id": "a", "sample": sample, "completion": "x"}) + "\n")
    with pytest.raises(ModelError, match=r"samples\.jsonl:1: 'sample' must be a whole number >= 0"):
        ReplayModel(path)


def test_lines_without_sample_numbers_follow_the_numbered_ones(tmp_path):
    replay = _replay(tmp_path / "order.jsonl", [{"task_id": "a", "sample": 2, "completion": "x"},
                                                 {"task_id": "a", "sample": 0, "completion": "y"},
                                                 {"task_id": "a", "completion": "z"}])
    assert replay.answers == {("a", 2): "x", ("a", 0): "y", ("a", 3): "z"}
