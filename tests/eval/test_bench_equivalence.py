"""The formal second verdict in the bench: every simulation pass on a task with a reference design is
compared with it (its own unit of work, once per distinct candidate, never again on resume), and the
results and reports show pass@k of both verdicts and the passes that are testbench gaps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.weak_testbench import write_weak_task
from workbench.eval.bench import Bench
from workbench.eval.executor import UnitFeed
from workbench.eval.units import compares_with_reference
from workbench.log.run import RunConfig
from workbench.model import ScriptedModel
from workbench.report.results import run_results
from workbench.task.suite import find_task, load_suite

REFERENCE = """\
module acc (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       en,
    input  logic [3:0] d,
    output logic [3:0] q,
    output logic       zero
);
    always_ff @(posedge clk) begin
        if (!rst_n) q <= 4'd0;
        else if (en) q <= q + d;
    end
    assign zero = (q == 4'd0);
endmodule
"""

# Ignores en, which the weak test below never lowers after reset.
WRONG = REFERENCE.replace("else if (en) q <= q + d;", "else q <= q + d;")


def _weak_suite(root: Path) -> Path:
    return write_weak_task(root / "weak", "acc", REFERENCE).parent


def _rtlwb(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=600)


def test_a_pass_of_a_weak_testbench_that_differs_from_the_reference_is_listed_with_its_counterexample(tmp_path):
    suite = _weak_suite(tmp_path / "benchmarks")
    completions = tmp_path / "completions.jsonl"
    completions.write_text("".join(json.dumps({"task_id": "acc", "sample": sample, "completion": f"```\n{code}```"})
                                   + "\n" for sample, code in enumerate([REFERENCE, WRONG])))
    env = dict(os.environ, RTLWB_CACHE=str(tmp_path / "cache"))
    done = _rtlwb("bench", "evaluate", str(completions), "--suite", str(suite), "--equiv", "on", "--json",
                  "--runs-dir", str(tmp_path / "runs"), "--jobs", "2", env=env)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["status_counts"] == {"pass": 2}  # the testbench misses the wrong design
    assert summary["pass_at_k"]["1"]["value"] == 1.0
    assert summary["pass_at_k_equivalent"]["1"]["value"] == 0.5
    assert summary["equivalence_checks"] == 2

    results = json.loads(Path(summary["results_file"]).read_text())
    counts = results["equivalence"]
    assert counts["by_status"]["equivalent"] == 1 and counts["by_status"]["different"] == 1
    assert counts["unchecked"] == 0
    [gap] = counts["passed_not_equivalent"]
    assert (gap["task_id"], gap["sample"], gap["label"]) == ("acc", 1, "different")
    assert "ans.q" in gap["counterexample"] and "<- differs" in gap["counterexample"]
    assert [t["equivalent"] for t in results["per_task"]] == [1]

    report = _rtlwb("bench", "report", summary["run_dir"], "--html", str(tmp_path / "report.html"), env=env)
    assert report.returncode == 0, report.stderr
    markdown = report.stdout
    assert "| pass@1 | pass@1 (sim + equivalent) |" in markdown
    assert "100.0 [100.0, 100.0] | 50.0 [50.0, 50.0]" in markdown
    section = markdown.split("## Passed the testbench, not equivalent", 1)[1]
    assert "| weak/acc | 1 | different |" in section
    assert gap["counterexample"] in section
    page = (tmp_path / "report.html").read_text()
    assert "Passed the testbench, not equivalent" in page and "Equivalence to the reference: different" in page


def _scripted_reference(context) -> str:
    reference = context.task.reference_text()
    return f"```verilog\n{reference}```" if context.sample == 0 else f"```verilog\n// a copy\n{reference}```"


def _relu_run(tmp_path: Path, equivalence: bool | None) -> Bench:
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", n=2)
    return Bench(config, ScriptedModel(_scripted_reference), tmp_path / "runs", jobs=1, equivalence=equivalence)


def test_equiv_off_records_and_reports_nothing_of_equivalence_and_a_later_run_with_it_checks_once(tmp_path):
    off = _relu_run(tmp_path, equivalence=False)
    summary = off.run()
    assert summary.status_counts == {"pass": 2}
    assert summary.pass_at_k_equivalent is None and summary.equivalence is None
    assert not off.log.equivalence_path.exists() or not off.log.equivalence_path.read_text()
    results = run_results(off.log.folder)
    assert results.pass_at_k_equivalent is None and all(t.equivalent is None for t in results.per_task)
    markdown = _rtlwb("bench", "report", str(off.log.folder), env=dict(os.environ)).stdout
    assert "equivalen" not in markdown.lower()

    # The same run, scored earlier without the check, gets it; identical candidates share one check.
    on = _relu_run(tmp_path, equivalence=True)
    summary = on.run()
    assert on.stats.scorings == 0 and on.stats.equivalence_checks == 1
    assert {s.result.equivalence.status for s in on.log.samples()} == {"equivalent"}
    assert summary.equivalence is not None and summary.equivalence.by_status["equivalent"] == 2
    assert [p.value for p in summary.pass_at_k_equivalent or []] == [1.0]
    journal = on.log.equivalence_path.read_text()

    # A resumed run (by default the accel suite is checked) repeats nothing.
    again = _relu_run(tmp_path, equivalence=None)
    again.run()
    assert again.stats.scorings == 0 and again.stats.equivalence_checks == 0
    assert again.log.equivalence_path.read_text() == journal
    samples = [json.loads(line) for line in again.log.samples_path.read_text().splitlines()]
    assert all(s["result"].get("equivalence") is None for s in samples)  # the verdicts live in their own journal


def test_score_prints_the_equivalence_verdict_of_a_pass(tmp_path):
    answer = tmp_path / "wrong.sv"
    answer.write_text(WRONG)
    env = dict(os.environ, RTLWB_BENCHMARKS=str(tmp_path / "benchmarks"))
    _weak_suite(tmp_path / "benchmarks")
    shown = _rtlwb("score", "-t", "weak/acc", "-c", str(answer), "--equiv", "on", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "equivalence to the reference: different: the outputs differ" in shown.stdout
    assert "<- differs" in shown.stdout
    as_json = json.loads(_rtlwb("score", "-t", "weak/acc", "-c", str(answer), "--equiv", "on", "--json",
                                env=env).stdout)
    assert as_json["status"] == "pass" and as_json["equivalence"]["status"] == "different"
    silent = json.loads(_rtlwb("score", "-t", "weak/acc", "-c", str(answer), "--json", env=env).stdout)
    assert silent["equivalence"] is None  # not a suite checked by default


def test_follow_up_units_take_turns_with_put_ones_and_may_come_after_the_feed_is_closed():
    feed: UnitFeed[str] = UnitFeed(bound=2)
    feed.put("simulate a")
    feed.put("simulate b")
    for name in ("compare a", "compare b", "compare c"):
        feed.follow(name)  # the feed is full: a follow-up never waits for room
    assert feed.take(3) == ["simulate a", "compare a", "simulate b"]
    assert feed.take(3) == ["compare b", "compare c"]
    feed.close()
    assert feed.exhausted
    feed.follow("compare c")
    assert not feed.exhausted
    assert list(feed) == ["compare c"]


@pytest.mark.parametrize("switch", [None, True])
def test_only_tasks_with_a_reference_design_are_compared(switch):
    design, properties = find_task("accel/relu"), load_suite("assert").tasks[0]
    assert compares_with_reference(design, switch)
    assert not compares_with_reference(properties, switch)  # an assertion task's answers are not designs
    assert not compares_with_reference(design, False)
