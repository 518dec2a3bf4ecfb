"""The benchmark loop end to end: real scoring, real SQLite, real HTTP to a local stub server."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.stub_openai_server import StubServer, completion_body
from workbench.answer.key import candidate_key
from workbench.eval.bench import Bench, default_run_id
from workbench.log.run import ModelSettings, RunConfig, ScoringSettings, Selection, SolverSettings
from workbench.model import GenerateConfig, ResponseCache, ScriptedModel
from workbench.task.format import SpecLevel
from workbench.task.suite import find_task

TASKS = ["sat_add", "popcount", "relu"]


def _scripted_answer(context) -> str:
    reference = context.task.reference_text()
    return {0: f"```verilog\n{reference}```",
            1: f"Here it is:\n```verilog\n// same design, other comments\n{reference}\n```",
            2: "I would rather not."}[context.sample]


def test_run_scores_shares_identical_candidates_and_resumes_without_calls(tmp_path):
    config = RunConfig(suites=["accel"], tasks=["sat_add", "popcount"], model="scripted", n=3, k=[1, 3])
    model = ScriptedModel(_scripted_answer)
    bench = Bench(config, model, tmp_path / "runs", cache=ResponseCache(tmp_path / "cache.sqlite"))
    summary = bench.run()
    assert model.calls == 6
    assert bench.stats.scorings == 4 and bench.stats.verdicts_shared == 2  # sample 1 shares sample 0's verdict
    assert summary.status_counts == {"pass": 4, "fail_extract": 2}
    assert {p.k: p.value for p in summary.pass_at_k} == {1: pytest.approx(2 / 3), 3: 1.0}
    assert summary.complete
    shared = [s for s in bench.log.samples() if s.shared_from is not None]
    assert {(s.sample, s.shared_from) for s in shared} == {(1, 0)}

    again = Bench(config, ScriptedModel(_scripted_answer), tmp_path / "runs",
                  cache=ResponseCache(tmp_path / "cache.sqlite"))
    again.run()
    assert again.model.calls == 0 and again.stats.scorings == 0
    assert again.stats.completions_reused == 6 and again.stats.samples_reused == 6


def test_response_cache_serves_a_new_run_of_the_same_model(tmp_path):
    cache = ResponseCache(tmp_path / "cache.sqlite")
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", n=2)
    Bench(config, ScriptedModel(_scripted_answer), tmp_path / "a", cache=cache).generate()
    second = Bench(config, ScriptedModel(_scripted_answer), tmp_path / "b", cache=cache)
    second.generate()
    assert second.model.calls == 0 and second.stats.cache_hits == 2


def test_candidate_key_ignores_comments_and_whitespace_only():
    a = "```verilog\nmodule m(input a, output y);\n  assign y = a; // copy\nendmodule\n```"
    b = "module m(input a,\n output y);   /* same */ assign y = a;\nendmodule"
    c = "module m(input a, output y); assign y = ~a; endmodule"
    assert candidate_key(a) == candidate_key(b) != candidate_key(c)


# --- the real HTTP path through the CLI ----------------------------------------------------

def _stub_reply(number: int, messages: list[dict]) -> tuple[int, object]:
    if number == 1:
        return 429, {"error": {"message": "rate limited", "type": "rate_limit_error"}}
    top = re.search(r"Implement the module `(\w+)`", messages[-1]["content"]).group(1)
    if top == "popcount":
        return 200, completion_body("Counting ones is easy, just use a loop!")  # a malformed answer
    return 200, completion_body(f"```systemverilog\n{find_task(top).reference_text()}```")


def _bench_cli(server: StubServer, runs: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "workbench.cli.main", "bench", "run", "--model", "openai-compatible/stub",
            "--base-url", server.base_url, "-n", "2", "--runs-dir", str(runs), "--json", "--concurrency", "1",
            *[arg for task in TASKS for arg in ("--task", task)], *extra]
    env = dict(os.environ, RTLWB_CACHE=str(runs.parent / "cache"), OPENAI_API_KEY="sk-test-not-logged")
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_cli_run_against_a_local_openai_compatible_server(tmp_path):
    with StubServer(_stub_reply) as server:
        done = _bench_cli(server, tmp_path / "runs")
        stdout, stderr = done.communicate(timeout=600)
        summary = json.loads(stdout)
        assert summary["status_counts"] == {"fail_extract": 2, "pass": 4}
        assert summary["pass_at_k"]["1"]["value"] == pytest.approx(2 / 3)
        assert summary["model_calls"] == 6 and len(server.requests) == 7  # one 429, retried
        assert done.returncode == 0, stderr
        again = _bench_cli(server, tmp_path / "runs")
        summary_again = json.loads(again.communicate(timeout=600)[0])
        assert summary_again["model_calls"] == 0 and summary_again["scorings"] == 0
        assert len(server.requests) == 7
    run_dir = Path(summary["run_dir"])
    assert "sk-test-not-logged" not in "".join(p.read_text() for p in run_dir.glob("*.json*"))
    completions = [json.loads(line) for line in (run_dir / "completions.jsonl").read_text().splitlines()]
    assert all(c["messages"][0]["role"] == "system" and c["input_tokens"] == 100 for c in completions)


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["generation", "evaluation"])
def test_kill_minus_nine_then_resume_loses_and_repeats_nothing(tmp_path, phase):
    runs = tmp_path / "runs"
    with StubServer(_stub_reply, delay_s=0.4 if phase == "generation" else 0.0) as server:
        first = _bench_cli(server, runs)
        watched = "completions.jsonl" if phase == "generation" else "samples.jsonl"
        deadline = time.monotonic() + 300
        while not any(len(p.read_text().splitlines()) >= 2 for p in runs.glob(f"*/{watched}")):
            assert time.monotonic() < deadline and first.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        requests_before = len(server.requests)
        completed_before = len(next(runs.glob("*/completions.jsonl")).read_text().splitlines())
        second = _bench_cli(server, runs)
        summary = json.loads(second.communicate(timeout=600)[0])
    assert summary["complete"] and summary["status_counts"] == {"fail_extract": 2, "pass": 4}
    # Completed samples are never asked for again; only the answer in flight at the kill is lost.
    assert summary["model_calls"] == 6 - completed_before
    assert len(server.requests) - requests_before == 6 - completed_before
    samples = [json.loads(line) for line in (Path(summary["run_dir"]) / "samples.jsonl").read_text().splitlines()]
    judged = sorted((s["result"]["task_id"], s["sample"]) for s in samples)
    assert judged == sorted((t, i) for t in TASKS for i in range(2))


def test_generate_then_evaluate_the_completions_file(tmp_path):
    env = dict(os.environ, RTLWB_CACHE=str(tmp_path / "cache"))
    common = ["--runs-dir", str(tmp_path / "runs"), "--json"]
    generated = subprocess.run([sys.executable, "-m", "workbench.cli.main", "bench", "generate", "--model", "reference",
                                "--task", "relu", "--task", "clamp", "-n", "2", *common],
                               capture_output=True, text=True, env=env, timeout=300)
    summary = json.loads(generated.stdout)
    assert summary["stage"] == "generate" and summary["scorings"] == 0
    completions = Path(summary["run_dir"]) / "completions.jsonl"
    evaluated = subprocess.run([sys.executable, "-m", "workbench.cli.main", "bench", "evaluate", str(completions),
                                "-k", "1", "-k", "2", *common], capture_output=True, text=True, env=env, timeout=300)
    result = json.loads(evaluated.stdout)
    assert evaluated.returncode == 0, evaluated.stderr
    assert result["model"] == f"replay/{completions}" and result["n"] == 2
    assert result["pass_at_k"]["2"]["value"] == 1.0 and result["status_counts"] == {"pass": 4}
    assert result["scorings"] == 2 and result["verdicts_shared"] == 2  # two identical samples per task


def test_rag_pipeline_puts_retrieved_designs_but_never_the_own_reference_in_the_prompt(tmp_path):
    config = RunConfig(suites=["accel"], tasks=["sync_fifo", "sat_add"], model="scripted", pipeline="rag", rag_k=2)
    bench = Bench(config, ScriptedModel(lambda c: "no answer"), tmp_path)
    bench.generate()
    for completion in bench.log.completions():
        task = find_task(completion.task_id)
        request = completion.messages[-1].content
        assert completion.template == "spec-to-rtl@1+rag"
        assert request.count("From ") == 2 and "## Related designs" in request
        assert f"From accel/{task.id}:" not in request
        assert task.reference_text().strip() not in request


BROKEN_RELU = "```verilog\nmodule relu(input logic [31:0] x, output logic [31:0] y);\n  assign y = x +;\nendmodule\n```"


def test_repair_feeds_back_the_real_compiler_message_and_stops_on_success(tmp_path):
    reference = f"```verilog\n{find_task('relu').reference_text()}```"
    model = ScriptedModel([BROKEN_RELU, reference, "never asked for"])
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", pipeline="repair", repair_rounds=3)
    bench = Bench(config, model, tmp_path)
    summary = bench.run()
    assert model.calls == 2  # stopped once the candidate built cleanly
    feedback = model.received[1][-1].content
    assert model.received[1][-2].content == BROKEN_RELU and "does not compile" in feedback
    assert "syntax error" in feedback.lower()  # the tools' own words
    (completion,) = bench.log.completions()
    # Repair rounds never run the grading testbench: the final answer is graded once, afterwards.
    assert [r.status.value for r in completion.rounds] == ["fail_compile", "compiled"]
    assert summary.status_counts == {"pass": 1}


UNDECLARED_RELU = ("```verilog\nmodule relu(input logic [31:0] x, output logic [31:0] y);\n"
                   "  assign y = x & ~mask;\nendmodule\n```")


def test_repair_feedback_includes_verilator_lint(tmp_path):
    model = ScriptedModel([UNDECLARED_RELU, "no code"])
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", pipeline="repair", repair_rounds=1)
    Bench(config, model, tmp_path).run()
    feedback = model.received[1][-1].content
    assert "Verilator lint" in feedback and "mask" in feedback


def test_tool_feedback_never_reveals_the_grading_testbench(tmp_path):
    model = ScriptedModel([BROKEN_RELU.replace("x +;", "~x;"), "unused"])
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", pipeline="repair")
    bench = Bench(config, model, tmp_path)
    summary = bench.run()
    assert model.calls == 1  # it builds: without visible tests the honest pipeline has nothing to say
    (completion,) = bench.log.completions()
    assert completion.rounds[0].status.value == "compiled" and completion.rounds[0].feedback is None
    assert summary.status_counts == {"fail_functional": 1}

    oracle = ScriptedModel([BROKEN_RELU.replace("x +;", "~x;"), "still no code"])
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", pipeline="repair",
                       repair_feedback="oracle", repair_rounds=1)
    Bench(config, oracle, tmp_path / "oracle").run()
    assert oracle.calls == 2 and "fails the testbench (fail_functional)" in oracle.received[1][-1].content


def test_a_relative_runs_folder_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted")
    summary = Bench(config, ScriptedModel(lambda c: f"```verilog\n{c.task.reference_text()}```"), Path("runs")).run()
    assert summary.status_counts == {"pass": 1}


def test_tool_feedback_runs_the_visible_tests_when_the_task_has_them(tmp_path):
    # sat_add's visible tests are its specification's worked examples; wrapping fails the second.
    wrapping = ("```verilog\nmodule sat_add(input logic signed [7:0] a, input logic signed [7:0] b,\n"
                "  output logic signed [7:0] sum, output logic overflow);\n"
                "  assign sum = a + b;\n  assign overflow = 1'b0;\nendmodule\n```")
    reference = f"```verilog\n{find_task('sat_add').reference_text()}```"
    model = ScriptedModel([wrapping, reference, "never asked for"])
    config = RunConfig(suites=["accel"], tasks=["sat_add"], model="scripted", pipeline="repair")
    bench = Bench(config, model, tmp_path)
    summary = bench.run()
    assert model.calls == 2
    feedback = model.received[1][-1].content
    assert "fails the visible tests" in feedback and "a=100 b=50" in feedback
    (completion,) = bench.log.completions()
    assert [(r.status.value, r.checked_by) for r in completion.rounds] == [
        ("fail_functional", "lint+compile + visible tests"), ("pass", "lint+compile + visible tests")]
    assert summary.status_counts == {"pass": 1}


def test_rag_and_repair_steps_in_one_pipeline(tmp_path):
    reference = f"```verilog\n{find_task('relu').reference_text()}```"
    model = ScriptedModel([BROKEN_RELU, reference, "never asked for"])
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", pipeline="rag+repair")
    bench = Bench(config, model, tmp_path)
    summary = bench.run()
    (completion,) = bench.log.completions()
    assert completion.template == "spec-to-rtl@1+rag" and "## Related designs" in completion.messages[1].content
    assert [m.role for m in completion.messages] == ["system", "user", "assistant", "user"]
    assert model.calls == 2 and [r.status.value for r in completion.rounds] == ["fail_compile", "compiled"]
    assert summary.status_counts == {"pass": 1}


# The ids these configurations had before the configuration was grouped: the same command continues the same run
# (a replayed file is named "replay-<file>" since issue 19, not by its file name with its extension).
@pytest.mark.parametrize(("config", "run_id"), [
    (RunConfig(selection=Selection(suites=["accel"]), model=ModelSettings(name="reference")),
     "reference-accel-19cb034b"),
    (RunConfig(selection=Selection(suites=["accel"]), model=ModelSettings(name="retrieval")),
     "retrieval-accel-834853af"),
    (RunConfig(selection=Selection(suites=["accel", "rtllm"], tasks=["fifo"], n=5, k=[1, 5]),
               model=ModelSettings(name="openai/gpt-4o-mini", seed=7,
                                   generation=GenerateConfig(temperature=0.8, top_p=0.95, max_tokens=1024)),
               solver=SolverSettings(spec_level=SpecLevel.SUMMARY, few_shot=2, pipeline="rag+repair", rag_k=3,
                                     rag_corpus=["/data/x"], rag_embeddings="ollama/nomic-embed-text", repair_rounds=2,
                                     repair_feedback="oracle"),
               scoring=ScoringSettings(simulator="verilator")), "gpt-4o-mini-accel+rtllm-2d61acb0"),
    (RunConfig(selection=Selection(suites=["accel"]),
               model=ModelSettings(name="openai-compatible/Qwen/Qwen2.5-Coder", base_url="http://localhost:8000/v1"),
               solver=SolverSettings(language="chisel", translate=True)), "Qwen2.5-Coder-accel-a017a6a2"),
    (RunConfig(selection=Selection(suites=["assertions"]), model=ModelSettings(name="replay/x.jsonl"),
               solver=SolverSettings(kind="nl2sva")), "replay-x-assertions-b1e44ff9"),
])
def test_default_run_ids_are_those_of_the_flat_configuration(config, run_id):
    assert default_run_id(config) == run_id


@pytest.mark.parametrize(("suites", "model", "start"), [
    (["benchmarks/accel"], "reference", "reference-accel-"),
    (["/data/my suites/verilog_eval/"], "replay/runs/x/completions.jsonl", "replay-x-verilog_eval-"),
    (["accel", "../hls"], "ollama/qwen2.5-coder:7b", "qwen2.5-coder-7b-accel+hls-"),
])
def test_run_ids_are_one_folder_name_of_safe_characters(suites, model, start):
    run_id = default_run_id(RunConfig(selection=Selection(suites=suites), model=ModelSettings(name=model)))
    assert run_id.startswith(start) and re.fullmatch(r"[A-Za-z0-9._+-]+", run_id)
