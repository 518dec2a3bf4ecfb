"""Provider calls that fail well: each case against the stub server on 127.0.0.1, through the real
openai SDK and langchain-openai, with small budgets and timeouts so that the waits stay short."""

from __future__ import annotations

import email.utils
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.stub_openai_server import StubServer, completion_body
from workbench.model import (
    ChatMessage,
    ChatOptions,
    FatalModelError,
    GenerateConfig,
    ModelError,
    SampleContext,
    get_model,
)

MESSAGES = [ChatMessage(role="user", content="a saturating adder, please")]
CONTEXT = SampleContext(task=None, sample=0)
# Our own backoff stays far below the waits the server asks for, so a wait that long is the header's.
QUICK = ChatOptions(backoff_initial_s=0.01, backoff_max_s=0.05)


def _ask(base_url: str, options: ChatOptions = QUICK, spec: str = "openai-compatible/stub"):
    return get_model(spec, base_url=base_url, options=options).generate(MESSAGES, GenerateConfig(), CONTEXT)


def _rate_limited_once(headers: dict[str, str]):
    def reply(number, messages):
        if number == 1:
            return 429, {"error": {"message": "slow down", "type": "rate_limit"}}, headers
        return 200, completion_body("module m; endmodule")
    return reply


def _http_date_in(seconds: float) -> str:
    return email.utils.formatdate(time.time() + seconds, usegmt=True)


@pytest.mark.parametrize(("headers", "least_wait_s"), [
    (lambda: {"Retry-After": "2"}, 2.0),
    (lambda: {"retry-after-ms": "400"}, 0.4),
    (lambda: {"Retry-After": _http_date_in(3)}, 1.0),  # HTTP dates count whole seconds
], ids=["seconds", "milliseconds", "http-date"])
def test_a_429_waits_as_long_as_the_server_asks(headers, least_wait_s):
    with StubServer(_rate_limited_once(headers())) as server:
        output = _ask(server.base_url)
        first, second = server.request_times
    assert second - first >= least_wait_s
    assert output.attempts == 2 and "module m" in output.text


def test_a_429_without_retry_after_backs_off_on_our_own():
    with StubServer(_rate_limited_once({})) as server:
        output = _ask(server.base_url)
        first, second = server.request_times
    assert second - first < 1.0 and output.attempts == 2


def test_a_permanent_500_stops_within_the_budget():
    options = ChatOptions(max_attempts=100, budget_s=1.0, backoff_initial_s=0.2, backoff_max_s=0.4)
    with StubServer(lambda number, messages: (500, {"error": {"message": "the GPU fell over"}})) as server:
        started = time.monotonic()
        with pytest.raises(ModelError) as failed:
            _ask(server.base_url, options)
        took = time.monotonic() - started
        sent = len(server.requests)
    error = failed.value
    assert not isinstance(error, FatalModelError) and error.kind == "server"
    assert took < 1.0 + 0.5  # no retry starts past the budget; the last request itself is quick
    assert 2 <= sent < 100 and error.attempts == sent and error.elapsed_s <= took
    assert "server error (500): the GPU fell over" in str(error) and f"after {sent} attempts" in str(error)


def test_a_permanent_500_stops_after_the_attempts_allowed():
    with StubServer(lambda number, messages: (503, {"error": {"message": "overloaded"}})) as server:
        with pytest.raises(ModelError) as failed:
            _ask(server.base_url, ChatOptions(max_attempts=3, backoff_initial_s=0.01, backoff_max_s=0.02))
        assert len(server.requests) == 3
    assert (failed.value.kind, failed.value.attempts) == ("server", 3)


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_is_fatal_after_one_request(status):
    with StubServer(lambda number, messages: (status, {"error": {"message": "invalid api key"}})) as server:
        with pytest.raises(FatalModelError) as refused:
            _ask(server.base_url)
        assert len(server.requests) == 1
    error = refused.value
    assert (error.kind, error.attempts) == ("auth", 1)
    assert str(error).startswith(f"openai-compatible/stub at {server.base_url}: ")
    assert f"({status}): invalid api key" in str(error) and "\n" not in str(error)


@pytest.mark.parametrize(("status", "body"), [
    (404, {"error": {"message": "The model `stub` does not exist.", "code": "model_not_found"}}),
    (400, {"object": "error", "message": "The model `stub` does not exist.", "type": "NotFoundError"}),  # vLLM
], ids=["404", "400-no-such-model"])
def test_a_model_that_does_not_exist_is_fatal(status, body):
    with StubServer(lambda number, messages: (status, body)) as server:
        with pytest.raises(FatalModelError) as missing:
            _ask(server.base_url)
        assert len(server.requests) == 1
    assert missing.value.kind == "not-found" and server.base_url in str(missing.value)


def test_a_timeout_is_tried_once_more_and_no_more():
    def slow(number, messages):
        time.sleep(0.8)
        return 200, completion_body("too late")

    options = ChatOptions(timeout_s=0.2, max_attempts=6, backoff_initial_s=0.01, backoff_max_s=0.02)
    with StubServer(slow) as server:
        with pytest.raises(ModelError) as timed_out:
            _ask(server.base_url, options)
        sent = len(server.requests)
    assert sent == 2 and (timed_out.value.kind, timed_out.value.attempts) == ("timeout", 2)
    assert "no answer within 0.2 s" in str(timed_out.value)


def test_a_slow_answer_within_the_timeout_is_an_answer():
    def slow(number, messages):
        time.sleep(0.3)
        return 200, completion_body("module slow; endmodule")

    with StubServer(slow) as server:
        output = _ask(server.base_url, ChatOptions(timeout_s=5.0))
    assert output.attempts == 1 and output.latency_s >= 0.3


def _closed_port() -> int:
    """A port nothing listens on: bound, then closed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_nothing_listening_fails_the_probe_fast_naming_the_url():
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    model = get_model("vllm/x", base_url=url)
    started = time.monotonic()
    with pytest.raises(FatalModelError) as unreachable:
        model.probe()
    assert time.monotonic() - started < 5.0
    assert unreachable.value.kind == "unreachable" and str(unreachable.value).startswith(f"vllm/x at {url}: ")
    assert f"{url}/models" in str(unreachable.value)


def test_a_connection_lost_mid_run_is_retried_then_reported():
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    with pytest.raises(ModelError) as refused:
        _ask(url, ChatOptions(max_attempts=3, backoff_initial_s=0.01, backoff_max_s=0.02))
    assert not isinstance(refused.value, FatalModelError)
    assert (refused.value.kind, refused.value.attempts) == ("connection", 3)
    assert "Connection refused" in str(refused.value)


def test_the_probe_passes_a_server_that_lists_its_models_or_has_no_such_endpoint():
    for models in (["stub"], 404, 405):
        with StubServer(models=models) as server:
            get_model("openai-compatible/stub", base_url=server.base_url).probe()
            assert server.model_list_requests == 1 and server.requests == []


def test_the_probe_says_a_refused_key_before_any_request():
    with StubServer(models=401) as server:
        with pytest.raises(FatalModelError) as refused:
            get_model("ollama/stub", base_url=server.base_url).probe()
        assert server.model_list_requests == 1 and server.requests == []
    assert refused.value.kind == "auth" and str(refused.value).startswith(f"ollama/stub at {server.base_url}: ")


def test_a_missing_openai_key_is_said_before_any_request(monkeypatch):
    for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(variable, raising=False)
    model = get_model("openai/gpt-4o-mini")
    with pytest.raises(FatalModelError, match=r"^openai/gpt-4o-mini at https://api\.openai\.com/v1: no API key: "
                                              r"set OPENAI_API_KEY") as probed:
        model.probe()
    with pytest.raises(FatalModelError) as generated:  # a caller that never probed is stopped too
        model.generate(MESSAGES, GenerateConfig(), CONTEXT)
    for error in (probed.value, generated.value):
        assert (error.kind, error.attempts) == ("missing-key", 0)


def test_an_openai_compatible_server_needs_no_key(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with StubServer(lambda number, messages: (200, completion_body("module m; endmodule"))) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        model = get_model("openai/local")
        model.probe()
        assert "module m" in model.generate(MESSAGES, GenerateConfig(), CONTEXT).text


def test_the_command_line_reads_dotenv_where_it_runs_and_exits_3_on_a_fatal_model_error(tmp_path):
    env = {name: value for name, value in os.environ.items()
           if name not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RTLWB_BASE_URL")}
    with StubServer(lambda number, messages: (401, {"error": {"message": "invalid api key"}})) as server:
        (tmp_path / ".env").write_text(f"OPENAI_BASE_URL={server.base_url}\nOPENAI_API_KEY=sk-from-dotenv\n")
        done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "generate", "a saturating adder",
                               "--model", "openai/x", "--pipeline", "direct", "--out", str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
        assert len(server.requests) == 1
    assert done.returncode == 3, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]  # progress lines aside
    assert len(errors) == 1 and "Traceback" not in done.stderr
    assert f"openai/x at {server.base_url}: authentication failed (401): invalid api key" in errors[0]
    assert "sk-from-dotenv" not in done.stderr + done.stdout
