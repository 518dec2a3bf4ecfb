"""Runs against a real OpenAI-compatible server on 127.0.0.1 that misbehaves per task: errors are
stored with their samples, a model that cannot answer stops the run at once, scoring goes on
while a slow answer is awaited."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.stub_openai_server import StubServer, completion_body
from workbench.eval.bench import Bench, BenchProgress
from workbench.log.run import RunConfig
from workbench.model import ChatOptions, get_model
from workbench.task.suite import find_task

TASKS = ["sat_add", "popcount", "relu"]
FAST = ChatOptions(timeout_s=10, max_attempts=3, backoff_initial_s=0.05, backoff_max_s=0.2, budget_s=5)


def _task_asked(messages: list[dict]) -> str:
    asked = [task for task in TASKS if f"module {task}" in messages[-1]["content"] or task in messages[-1]["content"]]
    assert len(asked) == 1, messages[-1]["content"][:300]
    return asked[0]


def _reference(task_id: str) -> tuple[int, dict]:
    return 200, completion_body(f"```verilog\n{find_task(task_id).reference_text()}```")


def _bench(tmp_path: Path, server: StubServer, progress: BenchProgress | None = None, n: int = 1) -> Bench:
    config = RunConfig(suites=["accel"], tasks=TASKS, model="openai-compatible/stub", base_url=server.base_url, n=n)
    model = get_model("openai-compatible/stub", base_url=server.base_url, options=FAST)
    return Bench(config, model, tmp_path, progress=progress, generation_jobs=2)


def test_a_permanent_server_error_is_stored_with_its_sample_and_the_others_are_scored(tmp_path):
    def reply(number, messages):
        task = _task_asked(messages)
        return (500, {"error": {"message": "the GPU fell over"}}) if task == "relu" else _reference(task)

    with StubServer(reply) as server:
        bench = _bench(tmp_path, server)
        summary = bench.run()
    relu_requests = sum(_task_asked(m) == "relu" for m in server.requests)
    assert relu_requests == FAST.max_attempts  # retried, within its budget
    (error,) = bench.log.model_errors()
    assert (error.task_id, error.sample, error.kind, error.attempts) == ("relu", 0, "server", FAST.max_attempts)
    assert "GPU fell over" in error.message or "500" in error.message
    assert summary.status_counts == {"pass": 2} and not summary.complete
    assert summary.incomplete_tasks == ["accel/relu"]
    assert bench.stats.fatal_error is None


def test_an_authentication_failure_stops_the_run_after_the_first_request(tmp_path):
    with StubServer(lambda number, messages: (401, {"error": {"message": "invalid api key"}})) as server:
        bench = _bench(tmp_path, server, n=4)
        summary = bench.run()
    assert len(server.requests) <= bench.generation_jobs  # those already sent when the first failed, no more
    assert bench.stats.fatal_error is not None and server.base_url in bench.stats.fatal_error
    assert summary.samples == 0 and not summary.complete
    assert {e.kind for e in bench.log.model_errors()} == {"auth"}


def test_scoring_goes_on_while_a_slow_answer_is_awaited(tmp_path):
    answered_slowly = threading.Event()

    def reply(number, messages):
        task = _task_asked(messages)
        if task == "relu":
            time.sleep(6)
            answered_slowly.set()
        return _reference(task)

    class Timeline(BenchProgress):
        def __init__(self) -> None:
            self.scored_before_slow_answer = 0

        def advanced(self, stage: str, suite: str, status: str | None = None) -> None:
            if stage == "score" and not answered_slowly.is_set():
                self.scored_before_slow_answer += 1

    timeline = Timeline()
    with StubServer(reply) as server:
        summary = _bench(tmp_path, server, timeline).run()
    assert summary.status_counts == {"pass": 3}
    assert timeline.scored_before_slow_answer == 2  # both fast tasks were scored while relu was awaited


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rtlwb(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=300)


def test_nothing_listening_fails_at_once_naming_the_url(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/v1"
    started = time.monotonic()
    done = _rtlwb("bench", "run", "--suite", "accel", "--model", "vllm/x", "--runs-dir", str(tmp_path), "--json",
                  cwd=tmp_path, env={"RTLWB_BASE_URL": url})
    assert time.monotonic() - started < 30  # the interpreter's start included; the probe itself takes < 5 s
    assert done.returncode == 3, done.stderr
    assert url in done.stderr and done.stderr.count(url) <= 2
    summary = json.loads(done.stdout)
    assert summary["fatal_error"] and url in summary["fatal_error"] and summary["model_calls"] == 0
