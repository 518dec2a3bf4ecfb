"""``rtlwb audit`` as a real process: the suite names it takes and its exit status."""

import json
import os
import subprocess
import sys

import pytest

RTLWB = [sys.executable, "-m", "workbench.cli.main"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RTLWB, *args], capture_output=True, text=True, env=dict(os.environ, COLUMNS="200"),
                          timeout=1800)


def test_templates_is_a_suite_name_the_audit_takes() -> None:
    done = _run("audit", "templates", "-t", "no_such_block", "-q")
    assert done.returncode == 2
    assert "no task no_such_block in suite rtl_templates" in done.stderr


@pytest.mark.slow
def test_a_template_block_is_audited_and_the_exit_status_names_what_falls_short() -> None:
    done = _run("audit", "templates", "-t", "pipeline_reg", "--sample", "6", "--json", "-q", "-j", "2",
                "--min-kill", "1", "--max-undecided", "0")
    report = json.loads(done.stdout)
    assert (report["suite"], [t["task_id"] for t in report["tasks"]]) == ("rtl_templates", ["pipeline_reg"])
    task = report["tasks"][0]
    assert task["status"] == "audited" and task["mutants"] > 0
    assert task["counted"] == task["mutants"] - task["equivalent"] - task["x_only"]
    assert (done.returncode == 0) == (report["shortfalls"] == []) == (report["status"] == "pass")
    if task["kill_rate"] is not None and task["kill_rate"] < 1:
        assert f"pipeline_reg: kill rate {task['kill_rate']:.1%}" in report["shortfalls"]
