"""The perf scripts run and report what they claim (behaviour only: speed is never asserted)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.scorer.result import Result, Status
from workbench.task.suite import PROJECT_ROOT, load_suite

SCRIPT = PROJECT_ROOT / "benchmarks" / "perf" / "scoring.py"


def _scoring_module():
    spec = importlib.util.spec_from_file_location("perf_scoring", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_scoring_benchmark_compares_batched_parallel_scoring_with_one_by_one_on_two_tasks(tmp_path: Path):
    out = tmp_path / "scoring.json"
    done = subprocess.run([sys.executable, str(SCRIPT), "--tasks", "2", "--samples", "3", "--floor-repeat", "1",
                           "--jobs", "2", "--batch", "3", "--compare", "--sandbox-runs", "5", "--sandbox-cost-full",
                           "--json", str(out)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(out.read_text())
    assert {"machine", "settings", "samples", "elapsed_s", "samples_per_second", "per_sample_s", "verdicts",
            "verdicts_by_kind", "floor", "ratio_to_floor", "tasks"} <= set(figures)
    assert figures["machine"]["cpu"] and figures["machine"]["cores"] >= 1
    assert figures["machine"]["simulators"]["icarus"]
    assert figures["settings"] | {"tasks": 2, "samples": 3, "sim": "icarus", "jobs": 2, "batch": 3,
                                  "compare": True} == figures["settings"]
    assert figures["samples"] == 6 and sum(figures["verdicts"].values()) == 6
    # per task: the reference, the stub and one wrong variant (3 samples leave no room for duplicates)
    assert figures["verdicts_by_kind"] == {"reference": {"pass": 2}, "stub": {"fail_functional": 2},
                                           "wrong": {"fail_functional": 2}}
    assert figures["samples_per_second"] > 0 and figures["elapsed_s"] > 0
    stages = figures["per_sample_s"]["stages"]
    assert {"extract", "interface", "compile", "simulate"} <= set(stages)
    assert all(value >= 0 for value in stages.values())
    assert sum(stages.values()) <= figures["per_sample_s"]["mean_latency"]
    assert figures["floor"]["per_sample_s"] > 0 and figures["ratio_to_floor"] > 0
    first_two = [task.id for task in load_suite("accel").tasks[:2]]
    assert list(figures["tasks"]) == first_two
    assert all(row["floor"]["cycles"] > 0 and row["samples"] == 3 for row in figures["tasks"].values())
    assert "samples/s" in done.stdout and "workbench / floor" in done.stdout
    assert figures["verdicts_identical"] == 6 and figures["speedup"] > 0
    assert figures["baseline"]["elapsed_s"] > 0 and figures["baseline"]["ratio_to_floor"] > 0
    assert "speed-up" in done.stdout
    # the sandbox's cost (issue 17): figures present and sane, their size never asserted
    cost = figures["sandbox"]
    assert cost["isolation"].startswith("bubblewrap") and cost["target_ms_per_run"] == 20
    per_run = cost["per_run_ms"]
    assert per_run["command"] == "true" and per_run["runs"] == 5
    assert per_run["sandboxed"] > 0 and per_run["unsandboxed"] > 0 and isinstance(per_run["added"], float)
    runs, added = cost["runs_per_answer"], cost["added_ms_per_answer"]
    assert set(runs) == set(added) == {"one_by_one", "configured"}
    assert runs["one_by_one"] == 2  # alone, every one of these answers is built, then tested
    assert runs["configured"] > 0
    for mode in runs:
        assert isinstance(added[mode], float)
        assert added[mode] == pytest.approx(runs[mode] * per_run["added"], rel=0.01, abs=0.01)
    whole = cost["whole_run"]
    assert whole["samples"] == 6 and whole["verdicts_identical"] == 6
    assert whole["per_sample_s"]["sandboxed"] > 0 and whole["per_sample_s"]["unsandboxed"] > 0
    assert isinstance(whole["added_ms_per_answer"], float) and isinstance(whole["added_ms_per_run"], float)
    assert "through run_limited" in done.stdout and "sandboxed runs" in done.stdout and "whole run" in done.stdout


def test_candidates_are_grouped_by_task_in_near_equal_groups():
    scoring = _scoring_module()
    tasks = load_suite("accel").tasks[:2]
    candidates = scoring.candidate_set(tasks, 20, seed=0)
    groups = scoring.candidate_groups(candidates, 16)
    assert sorted(len(group) for group in groups) == [10, 10, 10, 10]
    assert sorted(i for group in groups for i in group) == list(range(40))
    assert all(len({candidates[i].task.id for i in group}) == 1 for group in groups)
    assert len(scoring.candidate_groups(candidates, 1)) == 40


def test_the_candidate_set_is_reproducible_and_holds_every_kind():
    scoring = _scoring_module()
    tasks = load_suite("accel").tasks[:2]
    first, again = scoring.candidate_set(tasks, 20, seed=0), scoring.candidate_set(tasks, 20, seed=0)
    assert [(c.task.id, c.name) for c in first] == [(c.task.id, c.name) for c in again]
    assert [(c.task.id, c.name) for c in first] != [(c.task.id, c.name) for c in scoring.candidate_set(tasks, 20, 1)]
    for task in tasks:
        mine = [c for c in first if c.task.id == task.id]
        assert len(mine) == 20
        originals = {c.name for c in mine if not c.duplicate}
        assert originals == {"reference", "stub", *(p.stem for p in scoring.wrong_variants(task))}
        assert len(originals) >= 5


def test_sandboxed_runs_are_counted_and_the_sandbox_is_waived_only_meanwhile(tmp_path: Path, monkeypatch):
    scoring = _scoring_module()
    from workbench import sandbox
    from workbench.scorer import hdl_harness as harness
    from workbench.scorer import simulation as scorer

    monkeypatch.delenv("RTLWB_UNSAFE_NO_SANDBOX", raising=False)
    original = sandbox.run_limited
    limits = sandbox.Limits(wall_s=30)
    with scoring.counted_runs() as runs:
        assert scorer.run_limited is not original and harness.run_limited is not original
        with scoring.sandbox_waived():
            assert sandbox.isolation() is sandbox.Isolation.NONE
            assert scorer.run_limited(["true"], tmp_path, sandbox.clean_env(), limits, tmp_path / "log").ok
        sandbox.run_limited(["true"], tmp_path, sandbox.clean_env(), limits, tmp_path / "log")
    assert runs == [2]
    assert scorer.run_limited is original and harness.run_limited is original and sandbox.run_limited is original
    assert "RTLWB_UNSAFE_NO_SANDBOX" not in os.environ


def test_a_wrong_verdict_aborts_the_measurement():
    scoring = _scoring_module()
    task = load_suite("accel").tasks[0]
    stub = next(c for c in scoring.candidate_set([task], 2, seed=0) if c.kind == "stub")
    check = scoring.VerdictCheck()
    passed = Result(task_id=task.id, simulator="icarus", status=Status.PASS)
    with pytest.raises(scoring.WrongVerdict, match="stub"):
        check(scoring.Scored(stub, passed, 1.0))
    wrong = next(c for c in scoring.candidate_set([task], 3, seed=0) if c.kind == "wrong")
    check = scoring.VerdictCheck()
    check(scoring.Scored(wrong, Result(task_id=task.id, simulator="icarus", status=Status.FAIL_FUNCTIONAL), 1.0))
    with pytest.raises(scoring.WrongVerdict, match="before"):  # a duplicate must agree with its original
        check(scoring.Scored(wrong, Result(task_id=task.id, simulator="icarus", status=Status.TIMEOUT), 1.0))
