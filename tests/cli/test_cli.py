"""The console script, run as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_task

RTLWB = [sys.executable, "-m", "workbench.cli.main"]


def _run(*args: str, env_extra: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, **(env_extra or {}), COLUMNS="200")
    return subprocess.run([*RTLWB, *args], capture_output=True, text=True, env=env, input=stdin, timeout=600)


def test_check_json_summary(tmp_path):
    copy_task(tmp_path / "mini", "counter")
    done = _run("check", "--suite", str(tmp_path / "mini"), "--sim", "all", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["tasks"], summary["golden_pass"], summary["stub_fail"]) == (1, 1, 1)
    assert summary["simulators"] == ["icarus", "verilator"]
    assert {(row["task_id"], row["simulator"], row["golden"], row["stub"]) for row in summary["rows"]} == {
        ("counter", "icarus", "pass", "fail_functional"),
        ("counter", "verilator", "pass", "fail_functional"),
    }


def test_check_table_and_exit_status_on_failure(tmp_path):
    folder = copy_task(tmp_path / "mini", "counter")
    (folder / "reference.sv").write_text("module doctor_counter(input clk, input rst_n, output [3:0] count);\n"
                                         "assign count = 0;\nendmodule\n")
    done = _run("check", "--suite", str(tmp_path / "mini"))
    assert done.returncode == 1
    assert "golden pass 0/1" in done.stdout and "self-test FAILED" in done.stdout


def test_score_json_and_stdin(tmp_path):
    copy_task(tmp_path / "mini", "counter")
    env = {"RTLWB_BENCHMARKS": str(tmp_path)}
    done = _run("score", "--task", "mini/counter", "--candidate", "-", "--json", env_extra=env,
                stdin="Here you go:\n```verilog\nmodule doctor_counter(input clk, output [3:0] count);\nendmodule\n```")
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["status"] == "fail_interface" and "missing port 'rst_n'" in result["message"]


def test_malformed_task_gives_a_clear_error_not_a_traceback(tmp_path):
    folder = copy_task(tmp_path / "mini", "counter")
    (folder / "task.toml").write_text((folder / "task.toml").read_text().replace("width = 4", "width = -4"))
    done = _run("score", "--task", "counter", "--candidate", str(folder / "reference.sv"),
                env_extra={"RTLWB_BENCHMARKS": str(tmp_path)})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "counter/task.toml" in done.stderr and "ports.2.width" in done.stderr


def test_unknown_task_and_simulator(tmp_path):
    assert "no task 'nope'" in _run("score", "--task", "nope", "--candidate", "x.sv").stderr
    done = _run("check", "--sim", "modelsim")
    assert done.returncode == 2 and "unknown simulator 'modelsim'" in done.stderr


def test_unreadable_candidate(tmp_path):
    done = _run("score", "--task", "sat_add", "--candidate", str(tmp_path / "missing.sv"))
    assert done.returncode == 2 and "missing.sv: cannot read the candidate" in done.stderr


def test_tasks_list_show_and_schema():
    listed = json.loads(_run("tasks", "list", "--suite", "accel", "--json").stdout)
    assert any(t["task_id"] == "sat_add" for t in listed)
    shown = _run("tasks", "show", "sat_add", "--level", "summary").stdout
    assert "saturat" in shown and "overflow" in shown
    schema = json.loads(_run("tasks", "schema").stdout)
    assert schema["title"] == "RTL Workbench task.toml"


def test_doctor_reports_working_tools():
    done = _run("doctor", "--json")
    report = json.loads(done.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert done.returncode == 0 and report["ok"]
    assert checks["icarus"]["ok"] and checks["icarus"]["version"].startswith("11")
    assert checks["verilator"]["ok"] and "built and simulated" in checks["verilator"]["detail"]
    assert checks["symbiyosys"]["ok"] and checks["yosys (yowasp)"]["ok"]
    assert checks["cocotb"]["version"].startswith("2.1.")
    total = len(report["checks"])
    assert f"checking tools {total}/{total}" in done.stderr  # progress on the piped stderr, apart from the JSON


def test_doctor_fails_and_hints_when_icarus_is_missing(tmp_path):
    done = _run("doctor", "--json", "--quiet", env_extra={"PATH": str(tmp_path)})
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert done.returncode == 1 and "checking tools" not in done.stderr
    assert not checks["icarus"]["ok"] and checks["icarus"]["required"]
    assert "apt-get install iverilog" in checks["icarus"]["hint"]


def test_check_of_an_assertion_suite_proves_goldens_kills_mutants_and_cross_checks(tmp_path):
    done = _run("check", "--suite", "assert", "-t", "sat_counter", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["ok"] and summary["tasks"] == 1 and summary["golden_proven"] == 1
    assert summary["mutants"] == summary["mutants_killed"] == summary["mutants_different"] == 5
    assert summary["constructs"]["constructs"] == summary["constructs"]["agreed"] > 20
    (row,) = summary["rows"]
    assert row["task_id"] == "sat_counter" and row["nl2sva_references"] >= 3 and not row["survivors"]


def test_score_an_hls_fix_and_find_a_bug_task_by_id():
    root = Path(__file__).resolve().parents[2] / "benchmarks" / "hls" / "fir"
    fixed = _run("score", "-t", "fir_last_tap_dropped", "-c", str(root / "fir.cpp"), "--json")
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    assert json.loads(fixed.stdout)["status"] == "pass"
    buggy = root / "bugs" / "fir_last_tap_dropped" / "fir.cpp"
    unchanged = _run("score", "-t", "fir_last_tap_dropped", "-c", str(buggy))
    assert unchanged.returncode == 1 and "MISMATCH" in unchanged.stdout
    shown = _run("tasks", "show", "hls/fir_last_tap_dropped")
    assert shown.returncode == 0 and "off-by-one" in shown.stdout
