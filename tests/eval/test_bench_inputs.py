"""What `rtlwb bench` makes of its inputs, as a user meets it (real processes): replay files with
the public suites' own ids (the synthetic VerilogEval and RTLLM copies), replay files it cannot
use, bad flags, and suites with malformed tasks. Each bad input is one line and a non-zero exit
before anything runs (no run folder); what a run cannot use is named, never dropped in silence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_task
from tests.fixtures.imported_suites import (
    ADDER_WRONG,
    AND2_RIGHT,
    AND2_WRONG,
    RTLLM_MIXED_CASE,
    rtllm_suite,
    verilog_eval_suite,
)

COUNT4_WRONG = ("module TopModule(input clk, input reset, output reg [3:0] q);\n"
                "  always @(posedge clk) q <= q - 1;\nendmodule\n")
WEAK_ANY = "module TopModule(input a, output y);\n  assign y = a;\nendmodule\n"  # its testbench checks too little


@pytest.fixture(scope="module")
def suites(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("suites")
    return {"verilog-eval": verilog_eval_suite(folder), "rtllm": rtllm_suite(folder)}


def _rtlwb(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, RTLWB_CACHE=str(home / "cache"))
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def _verdicts(done: subprocess.CompletedProcess) -> dict[str, str]:
    assert "Traceback" not in done.stderr, done.stderr
    summary = json.loads(done.stdout)
    samples = (Path(summary["run_dir"]) / "samples.jsonl").read_text().splitlines()
    return {record["result"]["task_id"]: record["result"]["status"] for record in map(json.loads, samples)}


def _one_line_error(done: subprocess.CompletedProcess, *fragments: str) -> str:
    """The single line a refused command prints (exit 2, no traceback), holding every fragment."""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout, done.stderr
    assert len(lines) == 1, done.stderr
    assert all(fragment in lines[0] for fragment in fragments), (fragments, lines[0])
    return lines[0]


# --- replay files with the suites' own ids ------------------------------------------------------

def test_verilog_eval_ids_score_alike_in_run_and_evaluate(suites, tmp_path):
    suite = suites["verilog-eval"]
    replay = _jsonl(tmp_path / "samples.jsonl", [
        {"task_id": "Prob001_and2", "completion": AND2_RIGHT},  # VerilogEval's own id
        {"task_id": "PROB002_COUNT4", "completion": COUNT4_WRONG},  # in another case
        {"task_id": f"{suite.name}/prob003_weak", "completion": WEAK_ANY}])  # suite/id
    runs = ["--runs-dir", str(tmp_path / "runs"), "--json", "-j", "1"]
    ran = _rtlwb("bench", "run", "--suite", str(suite), "--model", f"replay/{replay}", *runs, home=tmp_path)
    evaluated = _rtlwb("bench", "evaluate", str(replay), "--suite", str(suite), *runs, home=tmp_path)
    expected = {"prob001_and2": "pass", "prob002_count4": "fail_functional", "prob003_weak": "pass"}
    assert (ran.returncode, evaluated.returncode) == (0, 0), ran.stderr + evaluated.stderr
    assert _verdicts(ran) == _verdicts(evaluated) == expected


def test_rtllm_design_names_score_alike_in_run_and_evaluate(suites, tmp_path):
    suite = suites["rtllm"]
    rom = (suite / "lut_rom" / "reference.sv").read_text()
    replay = _jsonl(tmp_path / "rtllm.jsonl", [
        {"task_id": RTLLM_MIXED_CASE, "completion": rom},  # RTLLM's design name (our id: lut_rom)
        {"task_id": "Arithmetic/Adder/adder_4bit", "completion": ADDER_WRONG}])  # its path in the copy
    runs = ["--runs-dir", str(tmp_path / "runs"), "--json", "-j", "1"]
    # --task takes the suite's names too
    ran = _rtlwb("bench", "run", "--suite", str(suite), "-t", RTLLM_MIXED_CASE, "-t", "adder_4bit",
                 "--model", f"replay/{replay}", *runs, home=tmp_path)
    evaluated = _rtlwb("bench", "evaluate", str(replay), "--suite", str(suite), *runs, home=tmp_path)
    assert (ran.returncode, evaluated.returncode) == (0, 0), ran.stderr + evaluated.stderr
    assert _verdicts(ran) == _verdicts(evaluated) == {"lut_rom": "pass", "adder_4bit": "fail_functional"}
    assert "no completion" not in ran.stderr + evaluated.stderr


def test_a_replay_line_that_matches_no_task_is_named_by_run_and_evaluate(suites, tmp_path):
    suite = suites["verilog-eval"]
    replay = _jsonl(tmp_path / "typo.jsonl", [{"task_id": "Prob001_and2", "completion": AND2_WRONG},
                                              {"task_id": "Prob001_and3", "completion": AND2_RIGHT}])
    runs = ["--runs-dir", str(tmp_path / "runs"), "--json", "-j", "1"]
    ran = _rtlwb("bench", "run", "--suite", str(suite), "-t", "prob001_and2", "--model", f"replay/{replay}", *runs,
                 home=tmp_path)
    evaluated = _rtlwb("bench", "evaluate", str(replay), "--suite", str(suite), *runs, home=tmp_path)
    for done in (ran, evaluated):
        assert done.returncode == 0, done.stderr
        named = f"{replay}:2: 'Prob001_and3' is no task of {suite} (did you mean "
        assert named in done.stderr and json.loads(done.stdout)["replay_unmatched"][0].startswith(named)
        assert _verdicts(done) == {"prob001_and2": "fail_functional"}


UNUSABLE_REPLAYS = {
    "not-utf8": (b'{"task_id": "Prob001_and2", "completion": "x"}\n{"task_id": "Prob002_count4", '
                 b'"completion": "\xff"}\n', ["bad.jsonl:2: not UTF-8 text"]),
    "twice": (b'{"task_id": "Prob001_and2", "completion": "x"}\n{"task_id": "prob001_and2", "completion": "y"}\n',
              ["bad.jsonl:2: task ", "prob001_and2 sample 0 is given twice, on lines 1 ('Prob001_and2') and 2"]),
    "empty": (b"\n", ["bad.jsonl: no completions in the file"]),
    "no-task": (b'{"task_id": "Prob042_nothing", "completion": "x"}\n',
                ["bad.jsonl:1: 'Prob042_nothing' is no task of", "no line of", "names a task of"]),
}


@pytest.mark.parametrize("command", ["run", "evaluate"])
@pytest.mark.parametrize("problem", sorted(UNUSABLE_REPLAYS))
def test_an_unusable_replay_is_one_line_and_no_run_folder(suites, tmp_path, command, problem):
    content, fragments = UNUSABLE_REPLAYS[problem]
    replay = tmp_path / "bad.jsonl"
    replay.write_bytes(content)
    source = ["--model", f"replay/{replay}"] if command == "run" else [str(replay)]
    done = _rtlwb("bench", command, *source, "--suite", str(suites["verilog-eval"]), "--runs-dir",
                  str(tmp_path / "runs"), home=tmp_path)
    _one_line_error(done, *fragments)
    assert not (tmp_path / "runs").exists()


# --- flags ------------------------------------------------------------------------------------

BAD_FLAGS = [
    (["run", "-t", "sat_ad"], ["no task 'sat_ad' in accel (did you mean sat_add"]),  # close ids suggested
    (["generate", "-t", "no_such_task"], ["no task 'no_such_task' in accel"]),
    (["run", "-k", "0"], ["'-k'"]),
    (["generate", "-k", "0"], ["'-k'"]),
    (["run", "--jobs", "-1"], ["'--jobs'"]),
    (["run", "-n", "0"], ["'-n'"]),  # not "every k must be <= n"
    (["run", "-n", "2", "-k", "1", "-k", "3"], ["every k must be <= n (n=2, k=[1, 3])"]),
    (["run", "--concurrency", "0"], ["'--concurrency'"]),
]


@pytest.mark.parametrize(("args", "fragments"), BAD_FLAGS, ids=[" ".join(args) for args, _ in BAD_FLAGS])
def test_a_bad_flag_is_refused_before_anything_runs(tmp_path, args, fragments):
    done = _rtlwb("bench", *args, "--model", "reference", "--runs-dir", str(tmp_path / "runs"), home=tmp_path)
    _one_line_error(done, *fragments)
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize(("args", "fragments"), [
    (["-k", "0"], ["'-k'"]),
    (["--jobs", "-1"], ["'--jobs'"]),
    (["-k", "2"], ["every k must be <= the samples per task in", "(n=1, k=[1, 2])"]),
])
def test_evaluate_refuses_bad_flags_before_scoring(suites, tmp_path, args, fragments):
    replay = _jsonl(tmp_path / "one.jsonl", [{"task_id": "Prob001_and2", "completion": AND2_RIGHT}])
    done = _rtlwb("bench", "evaluate", str(replay), "--suite", str(suites["verilog-eval"]), "-k", "1", *args,
                  "--runs-dir", str(tmp_path / "runs"), home=tmp_path)
    _one_line_error(done, *fragments)
    assert not (tmp_path / "runs").exists()


# --- suites with malformed tasks --------------------------------------------------------------

@pytest.fixture
def half_broken(tmp_path) -> Path:
    """A suite of one good task and two malformed ones."""
    suite = tmp_path / "half_broken"
    copy_task(suite, "good")
    (copy_task(suite, "bad_toml") / "task.toml").write_text("id = [\n")
    (copy_task(suite, "no_spec") / "spec.md").unlink()
    return suite


def _results(done: subprocess.CompletedProcess) -> dict:
    return json.loads((Path(json.loads(done.stdout)["run_dir"]) / "results.json").read_text())


def test_malformed_tasks_are_named_and_make_the_run_incomplete_unless_skipped(half_broken, tmp_path):
    args = ["bench", "run", "--suite", str(half_broken), "--model", "reference", "--runs-dir", str(tmp_path / "runs"),
            "--json", "-j", "1"]
    done = _rtlwb(*args, home=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    bad_toml, no_spec = half_broken / "bad_toml" / "task.toml", half_broken / "no_spec" / "spec.md"
    assert f"malformed task half_broken/bad_toml: {bad_toml}: not valid TOML" in done.stderr
    assert f"malformed task half_broken/no_spec: {no_spec}: missing" in done.stderr
    assert "2 malformed tasks have no samples" in done.stderr and "--skip-malformed" in done.stderr
    results = _results(done)
    assert results["state"] == "incomplete" and results["missing_tasks"] == ["half_broken/bad_toml",
                                                                             "half_broken/no_spec"]
    assert [entry["task"] for entry in results["malformed_tasks"]] == ["half_broken/bad_toml", "half_broken/no_spec"]
    assert results["pass_at_k"][0]["value"] == 1.0 and results["pass_at_k"][0]["tasks"] == 1  # the good one
    assert any("malformed" in warning and "bad_toml" in warning for warning in _report_warnings(results["run_id"],
                                                                                                tmp_path))

    skipped = _rtlwb(*args, "--skip-malformed", home=tmp_path)
    assert skipped.returncode == 0, skipped.stderr
    assert "skipped malformed task half_broken/bad_toml" in skipped.stderr
    assert "skipped malformed task half_broken/no_spec" in skipped.stderr
    results = _results(skipped)
    assert results["state"] == "complete" and results["malformed_skipped"] and len(results["malformed_tasks"]) == 2


def _report_warnings(run_id: str, home: Path) -> list[str]:
    done = _rtlwb("bench", "report", str(home / "runs" / run_id), "--json", home=home)
    return json.loads(done.stdout)["warnings"]


def test_a_replay_line_for_a_malformed_task_names_the_task(half_broken, tmp_path):
    good = (half_broken / "good" / "reference.sv").read_text()
    replay = _jsonl(tmp_path / "answers.jsonl", [{"task_id": "good", "completion": good},
                                                 {"task_id": "bad_toml", "completion": good}])
    done = _rtlwb("bench", "evaluate", str(replay), "--suite", str(half_broken), "--runs-dir",
                  str(tmp_path / "runs"), "--json", home=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "malformed task half_broken/bad_toml" in done.stderr and "no_spec" not in done.stderr
    assert "is no task of" not in done.stderr
    assert _verdicts(done) == {"good": "pass"}
