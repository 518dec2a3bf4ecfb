"""What the commands print: whole ids and cells on a pipe, one JSON document per --json in one
vocabulary (task_id, suite, sample, status), progress on stderr (plain lines when piped, none with
--quiet). Every command runs as a real process with its stdout and stderr piped, except where a
test needs a shorter progress interval than a person would want."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import copy_task
from tests.formal.test_judge import COUNTER
from workbench.cli import check as check_command
from workbench.cli._progress import Progress
from workbench.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
OTHER_NAMES = {"task", "id", "verdict", "bug_id"}  # what task_id and status were called before


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="80")  # a narrow terminal's width, which a pipe must not inherit
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=600)


def _keys(document: object) -> set[str]:
    """Every key of every object in a JSON document."""
    if isinstance(document, dict):
        return set(document) | {key for value in document.values() for key in _keys(value)}
    if isinstance(document, list):
        return {key for value in document for key in _keys(value)}
    return set()


def _json(*args: str, cwd: Path | None = None) -> dict | list:
    """The one JSON document a command prints on stdout; its keys speak the one vocabulary."""
    done = _run(*args, "--json", cwd=cwd)
    document = json.loads(done.stdout)  # fails on anything printed besides the one document
    assert not _keys(document) & OTHER_NAMES, f"{args}: {sorted(_keys(document) & OTHER_NAMES)}"
    return document


def test_piped_tables_keep_whole_task_ids_and_whole_cells():
    ids = [row["task_id"] for row in _json("tasks", "list", "--suite", "hls")]
    table = _run("tasks", "list", "--suite", "hls").stdout
    assert any(len(task_id) > 20 for task_id in ids) and "…" not in table
    assert all(f" {task_id} " in table for task_id in ids)  # each id whole, in one cell of one line
    summaries = [block["summary"] for block in _json("templates", "list")]
    listed = _run("templates", "list").stdout
    assert any(len(summary) > 80 for summary in summaries)
    assert all(summary in listed for summary in summaries)  # never wrapped over several lines
    spec = _json("tasks", "show", "sat_add")["spec"].splitlines()
    shown = _run("tasks", "show", "sat_add").stdout.splitlines()
    assert any(len(line) > 80 for line in spec) and all(line in shown for line in spec)


def test_tasks_show_templates_show_and_retrieve_print_json():
    shown = _json("tasks", "show", "sat_add")
    assert (shown["suite"], shown["task_id"], shown["config"]["top"]) == ("accel", "sat_add", "sat_add")
    assert "saturat" in shown["spec"]
    block = _json("templates", "show", "sync_fifo")
    assert block["name"] == "sync_fifo" and block["config"]["parameters"] and block["spec"]["detailed"]
    found = _json("retrieve", "synchronous FIFO with full and empty flags", "-k", "2")
    assert [hit["rank"] for hit in found["hits"]] == [1, 2] and "fifo" in found["hits"][0]["source"]
    assert all("module" in hit["code"] for hit in found["hits"])


def test_score_and_templates_check_json_name_the_status():
    scored = _json("score", "-t", "sat_add", "-c", str(ROOT / "benchmarks" / "accel" / "sat_add" / "reference.sv"))
    assert (scored["task_id"], scored["status"]) == ("sat_add", "pass")
    checked = _json("templates", "check", "pipeline_reg")
    assert checked["ok"] and len(checked["checks"]) >= 2
    assert {row["status"] for row in checked["checks"]} == {"pass"}


def test_check_of_an_hls_suite_and_score_of_an_assertion_task_speak_the_vocabulary(tmp_path):
    hls = _json("check", "--suite", "hls", "-t", "fir_last_tap_dropped")
    assert hls["ok"] and [row["task_id"] for row in hls["rows"]] == [None, "fir_last_tap_dropped"]
    answer = tmp_path / "answer.sva"
    answer.write_text((ROOT / "benchmarks" / "assert" / "sat_counter" / "properties.sva").read_text().splitlines()[0])
    scored = _json("score", "-t", "sat_counter", "-c", str(answer))
    assert scored["task_id"] == "sat_counter" and scored["status"] == "pass"
    assert [(v["label"], v["status"]) for v in scored["formal"]["verdicts"]] == [("p_sat_high", "proven")]


def test_sva_check_names_each_assertions_status_and_shows_progress_unless_quiet(tmp_path):
    (tmp_path / "counter.sv").write_text(COUNTER)
    (tmp_path / "props.sva").write_text(
        "p_range: assert property (@(posedge clk) disable iff (rst) q <= 9);\n"
        "p_false: assert property (@(posedge clk) disable iff (rst) q == 3 |-> ##1 q == 4);\n")
    command = ("sva", "check", "--design", "counter.sv", "--top", "counter", "--props", "props.sva", "--reset", "rst",
               "--active-high", "--depth", "12")
    report = _json(*command, cwd=tmp_path)
    assert [(a["label"], a["status"]) for a in report["assertions"]] == [("p_range", "proven"), ("p_false", "cex")]
    shown = _run(*command, "--json", cwd=tmp_path)
    assert "judging counter.sv 2/2, 1 proven, 1 cex" in shown.stderr
    assert "judging" not in _run(*command, "--json", "--quiet", cwd=tmp_path).stderr


def test_a_design_without_the_top_module_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "design.sv").write_text(COUNTER)
    (tmp_path / "props.sva").write_text("p: assert property (@(posedge clk) q <= 9);\n")
    done = _run("sva", "check", "--design", "design.sv", "--props", "props.sva", "--top", "design", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--top design: no such module in design.sv (its modules: counter)" in done.stderr


def test_import_json_names_errata_by_task_id_and_the_self_test_shows_progress(tmp_path):
    (tmp_path / "errata.toml").write_text('[[erratum]]\ntask = "parity4"\nproblem = "other"\naction = "note"\n'
                                          'evidence = "checked by hand"\n')
    command = ("import", "verilog-eval", str(FIXTURES / "verilog_eval_v1"), "--variant", "v1-human",
               "--errata", str(tmp_path / "errata.toml"))
    report = _json(*command, "--out", str(tmp_path / "suite"))
    assert (report["tasks"], report["golden_pass"], report["stub_fail"]) == (2, 2, 2)
    assert [(e["task_id"], e["action"]) for e in report["errata"]] == [("parity4", "note")]
    shown = _run(*command, "--out", str(tmp_path / "again"), "--json")
    assert "self-test of verilog_eval_v1 2/2" in shown.stderr
    quiet = _run(*command, "--out", str(tmp_path / "quiet"), "--json", "--quiet")
    assert quiet.returncode == 0 and "self-test of" not in quiet.stderr


def test_check_prints_periodic_progress_lines_on_a_piped_stderr_and_none_with_quiet(tmp_path, monkeypatch):
    copy_task(tmp_path / "mini", "counter")
    monkeypatch.setattr(check_command, "Progress", functools.partial(Progress, interval_s=0.05))
    runner = CliRunner()  # its stderr is no terminal: the plain lines of a pipe
    shown = runner.invoke(app, ["check", "--suite", str(tmp_path / "mini"), "--sim", "all", "--json"])
    assert shown.exit_code == 0, shown.stderr
    summary = json.loads(shown.stdout)
    assert {row["task_id"] for row in summary["rows"]} == {"counter"}
    lines = [line for line in shown.stderr.splitlines() if line.startswith("self-test of mini ")]
    assert len(lines) >= 2 and lines[-1].startswith("self-test of mini 2/2")  # a line every 0.05 s, the last at the end
    quiet = runner.invoke(app, ["check", "--suite", str(tmp_path / "mini"), "--json", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and json.loads(quiet.stdout)["tasks"] == 1
