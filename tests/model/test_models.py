import importlib.util
import json
import sys

import pytest

from tests.stub_openai_server import StubServer, completion_body
from workbench.model import (
    BUILTIN_MODELS,
    PROVIDERS,
    ChatAPIModel,
    ChatMessage,
    ChatOptions,
    FatalModelError,
    GenerateConfig,
    ModelError,
    ReplayModel,
    SampleContext,
    ScriptedModel,
    get_model,
)
from workbench.task.suite import find_task

MESSAGES = [ChatMessage(role="system", content="be brief"), ChatMessage(role="user", content="hello")]


def test_provider_strings():
    assert get_model("reference").name == "reference"
    local = get_model("ollama/qwen2.5-coder")
    assert isinstance(local, ChatAPIModel) and local.base_url == "http://localhost:11434/v1"
    assert get_model("vllm/m").base_url == "http://localhost:8000/v1"
    assert get_model("llamacpp/m").base_url == "http://127.0.0.1:8080/v1"
    assert get_model("vllm/m", base_url="http://10.0.0.1:9/v1").base_url == "http://10.0.0.1:9/v1"
    with pytest.raises(ModelError, match="unknown provider 'bard'"):
        get_model("bard/x")
    with pytest.raises(ModelError, match="--base-url"):
        get_model("openai-compatible/m")


def test_missing_optional_sdk_says_what_to_install(monkeypatch):
    with pytest.raises(ModelError, match=r"pip install 'rtl-workbench\[anthropic\]'"):
        get_model("anthropic/claude")
    monkeypatch.delitem(sys.modules, "workbench.model._openai", raising=False)
    monkeypatch.setitem(sys.modules, "langchain_openai", None)  # as if not installed
    for spec in ("openai/gpt-4o", "vllm/qwen"):
        with pytest.raises(ModelError) as missing:
            get_model(spec)
        assert str(missing.value) == "the openai provider needs langchain-openai: pip install 'rtl-workbench[openai]'"


def test_every_registry_entry_names_a_module_that_exists():
    for entry in [*BUILTIN_MODELS.values(), *PROVIDERS.values()]:
        module, _, attribute = entry.factory.partition(":")
        assert attribute and importlib.util.find_spec(module) is not None, entry


def test_reference_model_answers_with_the_golden_design():
    task = find_task("sat_add")
    answer = get_model("reference").generate(MESSAGES, GenerateConfig(), SampleContext(task, 0)).text
    assert task.reference_text() in answer


def test_retrieval_never_returns_the_tasks_own_reference():
    task = find_task("sat_add")
    answer = get_model("retrieval").generate(MESSAGES, GenerateConfig(), SampleContext(task, 0)).text
    assert "retrieved from " in answer and "accel/sat_add" not in answer
    assert "module sat_add" in answer  # the retrieved design is renamed to the module asked for


def test_replay_reads_our_format_and_verilog_eval_samples(tmp_path):
    task = find_task("sat_add")
    ours = tmp_path / "ours.jsonl"
    ours.write_text(json.dumps({"task_id": "sat_add", "sample": 1, "completion": "B"}) + "\n"
                    + json.dumps({"task_id": "sat_add", "sample": 0, "completion": "A"}) + "\n")
    model = ReplayModel(ours)
    assert model.generate(MESSAGES, GenerateConfig(), SampleContext(task, 1)).text == "B"
    plain = tmp_path / "verilog_eval.jsonl"  # VerilogEval samples: no sample numbers, order counts
    plain.write_text("\n".join(json.dumps({"task_id": "sat_add", "completion": c}) for c in "XYZ") + "\n")
    model = ReplayModel(plain)
    assert [model.generate(MESSAGES, GenerateConfig(), SampleContext(task, i)).text for i in range(3)] == list("XYZ")
    with pytest.raises(ModelError, match="no completion for task 'sat_add' sample 3"):
        model.generate(MESSAGES, GenerateConfig(), SampleContext(task, 3))


def test_replay_names_the_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task_id": "a", "completion": "x"}\n{"task_id": "a"}\n')
    with pytest.raises(ModelError,
                       match=r"bad\.jsonl:2: expected a JSON object with 'task_id' \(or 'id'\) and 'completion'"):
        ReplayModel(bad)


def test_scripted_model_runs_out_loudly():
    model = ScriptedModel(["one"])
    context = SampleContext(find_task("sat_add"), 0)
    assert model.generate(MESSAGES, GenerateConfig(), context).text == "one"
    with pytest.raises(ModelError):
        model.generate(MESSAGES, GenerateConfig(), context)


def test_http_path_with_rate_limit_then_success_and_usage_and_cost():
    def reply(number, messages):
        if number == 1:
            return 429, {"error": {"message": "slow down", "type": "rate_limit"}}
        return 200, completion_body("```verilog\nmodule m; endmodule\n```")

    with StubServer(reply) as server:
        options = ChatOptions(backoff_initial_s=0.05, backoff_max_s=0.1, price_input_per_mtok=2.0,
                              price_output_per_mtok=10.0)
        model = get_model("openai-compatible/stub", base_url=server.base_url, options=options)
        output = model.generate(MESSAGES, GenerateConfig(temperature=0.0), SampleContext(find_task("sat_add"), 0))
        assert len(server.requests) == 2 and output.attempts == 2
        assert server.requests[1] == [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello"}]
    assert "module m" in output.text
    assert (output.input_tokens, output.output_tokens) == (100, 50)
    assert output.cost_usd == pytest.approx((100 * 2.0 + 50 * 10.0) / 1e6)


def test_a_rejected_request_fails_at_once_for_its_sample_only():
    too_long = {"error": {"message": "prompt is longer than the context", "type": "invalid_request_error"}}
    with StubServer(lambda number, messages: (400, too_long)) as server:
        model = get_model("openai-compatible/stub", base_url=server.base_url)
        with pytest.raises(ModelError, match=r"request rejected \(400\): prompt is longer") as rejected:
            model.generate(MESSAGES, GenerateConfig(), SampleContext(find_task("sat_add"), 0))
        assert len(server.requests) == 1
    assert not isinstance(rejected.value, FatalModelError)
    assert (rejected.value.kind, rejected.value.attempts) == ("bad-request", 1)


def test_malformed_http_body_is_a_model_error_and_not_retried():
    with StubServer(lambda number, messages: (200, "this is not json")) as server:
        model = get_model("openai-compatible/stub", base_url=server.base_url,
                          options=ChatOptions(max_attempts=2, backoff_initial_s=0.01, backoff_max_s=0.02))
        with pytest.raises(ModelError) as malformed:
            model.generate(MESSAGES, GenerateConfig(), SampleContext(find_task("sat_add"), 0))
        assert len(server.requests) == 1
    assert (malformed.value.kind, malformed.value.attempts) == ("other", 1)
