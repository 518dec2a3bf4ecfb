"""VerilogEval importer on synthetic copies in the public layouts (tests/fixtures/verilog_eval*):
real Icarus runs of the suite's own testbenches, the golden self-test, errata and interop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.eval.bench import Bench
from workbench.importers import write_imported_suite
from workbench.importers.interop import complete_v1_samples, export_prompts
from workbench.importers.verilog_eval import read_verilog_eval
from workbench.log.run import RunConfig
from workbench.model import ReplayModel
from workbench.scorer.result import Status
from workbench.scorer.simulation import score
from workbench.solver.baselines import ReferenceModel
from workbench.task.errata import suite_errata
from workbench.task.format import TaskFormatError
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _imported(copy: str, variant: str, folder: Path, expected: tuple[int, int, int]) -> Path:
    tasks, skipped, manifest = read_verilog_eval(FIXTURES / copy, variant)
    report = write_imported_suite(f"verilog-eval-{variant}", tasks, folder, manifest, skipped)
    assert (report.tasks, report.golden_pass, report.stub_fail) == expected
    return report.folder


@pytest.fixture(scope="module")
def v2_suite(tmp_path_factory) -> Path:
    return _imported("verilog_eval", "spec-to-rtl", tmp_path_factory.mktemp("v2") / "ve", (3, 3, 2))


@pytest.fixture(scope="module")
def v1_suite(tmp_path_factory) -> Path:
    return _imported("verilog_eval_v1", "v1-human", tmp_path_factory.mktemp("v1") / "ve1", (2, 2, 2))


def test_v2_tasks_keep_the_suite_grading_and_prompt(v2_suite: Path):
    suite = load_suite(v2_suite)
    assert not suite.problems
    task = next(t for t in suite.tasks if t.id == "prob002_count4")
    bench = task.config.testbench
    assert (task.config.top, task.config.source_id) == ("TopModule", "Prob002_count4")
    assert (bench.kind, bench.top) == ("hdl", "tb")
    assert bench.sources == ["test.sv", "ref.sv"] and bench.fail_pattern == "^TIMEOUT"
    assert [(p.name, p.direction, p.width) for p in task.config.ports] == [("clk", "input", 1), ("reset", "input", 1),
                                                                           ("q", "output", 4)]
    assert "module TopModule" in task.reference_text() and "RefModule" not in task.reference_text()
    assert (task.folder / "prompt.txt").read_text().startswith("Write a module named TopModule")


def test_the_planted_weak_testbench_is_an_erratum_with_evidence(v2_suite: Path):
    errata = suite_errata(v2_suite)
    assert [(e.task, e.problem, e.action) for e in errata] == [("prob003_weak", "stub-passes", "exclude")]
    assert "Mismatches: 0 in 10 samples" in errata[0].evidence


def test_wrong_answers_fail_by_the_suite_rule(v2_suite: Path):
    task = next(t for t in load_suite(v2_suite).tasks if t.id == "prob001_and2")
    wrong = score(task, "module TopModule(input a, input b, output y); assign y = a | b; endmodule")
    assert wrong.status == Status.FAIL_FUNCTIONAL and "Mismatches:" in wrong.message
    broken = score(task, "module TopModule(input a, input b, output y); assign y = a & ; endmodule")
    assert broken.status in (Status.FAIL_COMPILE, Status.FAIL_INTERFACE)
    hangs = score(task, "module TopModule(input a, input b, output y); reg r; assign y = a & b;\n"
                        "always r = ~r; endmodule")  # a zero-delay loop: the suite's -Winfloop or the time limit
    assert hangs.status in (Status.FAIL_COMPILE, Status.TIMEOUT)


def test_reference_run_reproduces_the_self_test_and_a_replay_of_wrong_answers_fails(v2_suite: Path, tmp_path: Path):
    config = RunConfig(suites=[str(v2_suite)], model="reference")
    summary = Bench(config, ReferenceModel(), tmp_path / "runs", run_id="ref").run()
    assert summary.pass_at_k[0].value == 1.0 and summary.tasks == 3
    assert summary.errata_excluded == 1 and summary.pass_at_k_with_errata[0].tasks == 2
    # A replay in the suite's own format (its ids, VerilogEval's {"task_id", "completion"}).
    wrong = {"Prob001_and2": "assign y = a ^ b;", "Prob002_count4": "always @(posedge clk) q <= q - 1;",
             "Prob003_weak": "assign y = a;"}
    headers = {"Prob001_and2": "input a, input b, output y",
               "Prob002_count4": "input clk, input reset, output reg [3:0] q", "Prob003_weak": "input a, output y"}
    replay = tmp_path / "wrong.jsonl"
    replay.write_text("".join(json.dumps({"task_id": tid, "completion": f"module TopModule({headers[tid]});\n{body}\n"
                                          "endmodule\n"}) + "\n" for tid, body in wrong.items()))
    config = RunConfig(suites=[str(v2_suite)], model=f"replay/{replay}")
    summary = Bench(config, ReplayModel(replay), tmp_path / "runs", run_id="wrong").run()
    # The weak testbench passes a wrong answer: exactly why its task is excluded with errata.
    assert summary.status_counts == {"fail_functional": 2, "pass": 1}
    assert summary.pass_at_k_with_errata[0].value == 0.0


def test_v1_samples_continue_the_header(v1_suite: Path, tmp_path: Path):
    tasks = load_suite(v1_suite).tasks
    samples = tmp_path / "samples.jsonl"
    samples.write_text(json.dumps({"task_id": "parity4", "completion": "  assign p = ^a;\nendmodule\n"}) + "\n"
                       + json.dumps({"task_id": "max8", "completion": "  assign m = x < y ? x : y;\nendmodule\n"})
                       + "\n")
    records = complete_v1_samples(samples, tasks)
    assert [r["task_id"] for r in records] == ["parity4", "max8"]
    assert records[0]["completion"].startswith("module top_module (")
    verdicts = {t.id: score(t, next(r["completion"] for r in records if r["task_id"] == t.id)).status for t in tasks}
    assert verdicts == {"parity4": Status.PASS, "max8": Status.FAIL_FUNCTIONAL}


def test_v1_counts_any_compiler_message_as_a_failure(v1_suite: Path):
    task = next(t for t in load_suite(v1_suite).tasks if t.id == "parity4")
    # Correct function, but Icarus warns (-Wall: an implicit net): v1's rule fails it.
    warned = score(task, "module top_module (input [3:0] a, output p);\n assign q = a[0];\n"
                         " assign p = ^a;\nendmodule\n")
    assert warned.status == Status.FAIL_COMPILE and "compiler output" in warned.message


def test_prompts_export_in_the_suite_formats(v2_suite: Path):
    tasks = load_suite(v2_suite).tasks
    records = export_prompts(tasks, "verilog-eval")
    assert records[0]["task_id"] == "Prob001_and2" and "logical AND" in records[0]["prompt"]
    assert set(export_prompts(tasks, "cvdp")[0]) == {"id", "prompt"}
    replay = export_prompts(tasks, "replay")[0]
    assert replay["task_id"] == "prob001_and2" and replay["messages"][-1]["content"] == records[0]["prompt"]


def test_bad_copies_get_clear_messages(tmp_path: Path):
    with pytest.raises(TaskFormatError, match=r"problems\.txt"):
        read_verilog_eval(tmp_path, "spec-to-rtl")
    with pytest.raises(TaskFormatError, match="unknown VerilogEval variant"):
        read_verilog_eval(tmp_path, "v3")
    folder = tmp_path / "dataset_spec-to-rtl"
    folder.mkdir()
    (folder / "problems.txt").write_text("Prob001_missing\n")
    tasks, skipped, _ = read_verilog_eval(tmp_path, "spec-to-rtl")
    assert not tasks and "Prob001_missing_prompt.txt: missing" in skipped[0].reason


def test_cli_imports_and_reports_json(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "import", "verilog-eval",
                           str(FIXTURES / "verilog_eval_v1"), "--variant", "v1-human", "--out", str(tmp_path / "s"),
                           "--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["tasks"], report["golden_pass"], report["stub_fail"], report["errata"]) == (2, 2, 2, [])
    again = subprocess.run([sys.executable, "-m", "workbench.cli.main", "import", "verilog-eval", str(tmp_path),
                            "--out", str(tmp_path / "s2")], capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "problems.txt" in again.stderr and "Traceback" not in again.stderr
