"""rtlwb generate: scripted answers (never presented as a model's) checked by the real tools."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stub_openai_server import StubServer, completion_body
from workbench.model import ModelError, ScriptedModel
from workbench.scorer.result import Status
from workbench.solver.baselines import ReferenceModel
from workbench.solver.generate import DesignRequest, GenerateError, generate_design, write_outputs

SPEC = "Binary to Gray code converter: an 8-bit input `bin` and an 8-bit output `gray` = bin ^ (bin >> 1)."
GOOD = ("```systemverilog\nmodule gray8(input logic [7:0] bin, output logic [7:0] gray);\n"
        "  assign gray = bin ^ (bin >> 1);\nendmodule\n```")
FUNCTIONALLY_WRONG = GOOD.replace("bin >> 1", "bin << 1")
SYNTAX_ERROR = GOOD.replace("assign gray = bin ^ (bin >> 1);", "assign gray = bin ^ ;")
UNDECLARED = GOOD.replace("assign gray = bin ^ (bin >> 1);", "assign gray = bin ^ shifted;")
TESTS = '''
import cocotb
from cocotb.triggers import Timer


@cocotb.test()
async def every_input(dut):
    for value in range(256):
        dut.bin.value = value
        await Timer(1, unit="ns")
        assert int(dut.gray.value) == value ^ (value >> 1), f"bin={value}: gray={int(dut.gray.value)}"
'''


@pytest.fixture
def tests_file(tmp_path) -> Path:
    path = tmp_path / "tb" / "test_gray8.py"
    path.parent.mkdir()
    path.write_text(TESTS)
    return path


def test_repair_with_the_users_tests_until_they_pass(tmp_path, tests_file):
    model = ScriptedModel([SYNTAX_ERROR, FUNCTIONALLY_WRONG, GOOD, "never asked for"])
    request = DesignRequest(spec=SPEC, top="gray8", tests=tests_file, pipeline="repair", repair_rounds=3)
    generation = generate_design(request, model, tmp_path / "out")
    assert model.calls == 3 and generation.verified
    assert [a.result.status for a in generation.attempts] == [Status.FAIL_COMPILE, Status.FAIL_FUNCTIONAL, Status.PASS]
    first_feedback, second_feedback = model.received[1][-1].content, model.received[2][-1].content
    assert "does not compile" in first_feedback and "syntax error" in first_feedback.lower()
    assert "fails the visible tests" in second_feedback and "bin=1: gray=3" in second_feedback

    files = write_outputs(generation, tmp_path / "out")
    assert files["rtl"].name == "gray8.sv" and "bin >> 1" in files["rtl"].read_text()
    trail = json.loads(files["trail_json"].read_text())
    assert [m["role"] for m in trail] == ["system", "user", "assistant", "user", "assistant", "user", "assistant"]
    assert trail[-1]["content"] == GOOD
    report = files["report_md"].read_text()
    assert "passes all 1 tests of `test_gray8.py`" in report and "| 1 | fail_functional |" in report


def test_without_tests_it_lints_and_builds_and_says_function_was_not_checked(tmp_path):
    generation = generate_design(DesignRequest(spec=SPEC, top="gray8"), ScriptedModel([GOOD]), tmp_path)
    assert generation.verified and generation.final.result.status == Status.COMPILED
    report = write_outputs(generation, tmp_path)["report_md"].read_text()
    assert "**Function was not checked**" in report and "top `gray8` (input [8] bin, output [8] gray)" in report


def test_lint_errors_are_fed_back_with_verilators_words(tmp_path):
    model = ScriptedModel([UNDECLARED, GOOD])
    generation = generate_design(DesignRequest(spec=SPEC, top="gray8", pipeline="repair"), model, tmp_path)
    assert generation.attempts[0].result.status == Status.FAIL_COMPILE
    assert "shifted" in model.received[1][-1].content and generation.verified


def test_the_top_is_found_when_not_named_and_a_wrong_name_is_reported(tmp_path):
    found = generate_design(DesignRequest(spec=SPEC), ScriptedModel([GOOD]), tmp_path / "a")
    assert found.final.outline.top == "gray8" and found.verified
    misnamed = generate_design(DesignRequest(spec=SPEC, top="gray_code"), ScriptedModel([GOOD]), tmp_path / "b")
    assert misnamed.final.result.status == Status.FAIL_INTERFACE and not misnamed.verified
    assert "module 'gray_code' is not defined (modules found: gray8)" in misnamed.final.result.message


def test_rag_puts_retrieved_library_blocks_in_the_prompt(tmp_path):
    model = ScriptedModel([GOOD])
    spec = "A synchronous FIFO with valid/ready handshake, parameterized depth and width."
    generation = generate_design(DesignRequest(spec=spec, pipeline="rag", rag_k=2), model, tmp_path)
    request = model.received[0][-1].content
    assert generation.template == "design@1+rag" and len(generation.demonstrations) == 2
    assert all(f"From {source}:" in request for source in generation.demonstrations)
    assert any("fifo" in source for source in generation.demonstrations)


def test_verilog_requests_get_a_verilog_prompt(tmp_path):
    model = ScriptedModel([GOOD])
    generation = generate_design(DesignRequest(spec=SPEC, language="verilog"), model, tmp_path)
    assert generation.template == "design@1+verilog" and "Verilog-2005" in model.received[0][0].content


def test_bad_requests_are_refused_with_a_clear_message(tmp_path):
    with pytest.raises(GenerateError, match="tests file not found"):
        generate_design(DesignRequest(spec=SPEC, tests=tmp_path / "missing.py"), ScriptedModel([GOOD]), tmp_path)
    with pytest.raises(GenerateError, match="unknown pipeline"):
        generate_design(DesignRequest(spec=SPEC, pipeline="magic"), ScriptedModel([GOOD]), tmp_path)
    with pytest.raises(ModelError, match="answers benchmark tasks only"):
        generate_design(DesignRequest(spec=SPEC), ReferenceModel(), tmp_path)


def _rtlwb(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          timeout=300, env=env, cwd=cwd)


def test_cli_against_a_local_openai_compatible_server(tmp_path, tests_file):
    spec_file = tmp_path / "spec.md"
    spec_file.write_text(SPEC)
    answers = [FUNCTIONALLY_WRONG, GOOD]
    with StubServer(lambda number, messages: (200, completion_body(answers[min(number, 2) - 1]))) as server:
        done = _rtlwb("generate", f"@{spec_file}", "--model", "openai-compatible/stub", "--base-url", server.base_url,
                      "--top", "gray8", "--tests", str(tests_file), "--pipeline", "repair", "--out",
                      str(tmp_path / "out"), "--json",
                      env=dict(os.environ, OPENAI_API_KEY="unused", RTLWB_CACHE=str(tmp_path / "cache")))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["verified"] and report["function_checked"] and len(server.requests) == 2
    assert [r["status"] for r in report["rounds"]] == ["fail_functional", "pass"]
    assert SPEC in server.requests[0][-1]["content"]
    assert (tmp_path / "out" / "gray8.sv").is_file() and (tmp_path / "out" / "prompt_trail.md").is_file()


def test_the_same_command_twice_sends_the_same_prompts_and_the_second_is_served_from_the_cache(tmp_path, tests_file):
    answers = {1: FUNCTIONALLY_WRONG, 2: GOOD, 3: GOOD}
    env = dict(os.environ, OPENAI_API_KEY="unused", RTLWB_CACHE=str(tmp_path / "cache"))
    with StubServer(lambda number, messages: (200, completion_body(answers.get(number, "never asked for")))) as server:
        def generate(out: str, *extra: str) -> tuple[dict, str]:
            done = _rtlwb("generate", SPEC, "--model", "openai-compatible/stub", "--base-url", server.base_url,
                          "--top", "gray8", "--tests", str(tests_file), "--pipeline", "repair", "--out",
                          str(tmp_path / out), "--json", *extra, env=env)
            assert done.returncode == 0, done.stderr
            return json.loads(done.stdout), done.stderr

        first, shown = generate("first")
        second, _ = generate("second")  # another folder: the prompts name no folder of this machine
        assert len(server.requests) == 2 and server.model_list_requests == 2  # probed once per run
        uncached, quiet = generate("third", "--no-cache", "--quiet")
        assert len(server.requests) == 3  # asked again (the third answer is the good design)
    assert "answers checked 2" in shown and "answers checked" not in quiet  # progress on stderr, unless --quiet
    assert (first["usage"]["model_calls"], first["usage"]["cache_hits"]) == (2, 0)
    assert (second["usage"]["model_calls"], second["usage"]["cache_hits"]) == (0, 2)
    assert second["usage"]["cost_usd"] in (0, None) and [r["status"] for r in second["rounds"]] == [
        "fail_functional", "pass"]
    assert (uncached["usage"]["model_calls"], uncached["usage"]["cache_hits"]) == (1, 0)
    trails = [json.loads((tmp_path / out / "prompt_trail.json").read_text()) for out in ("first", "second")]
    assert trails[0] == trails[1]
    feedback = server.requests[1][-1]["content"]
    assert "fails the visible tests" in feedback and "(at candidate.sv)" in feedback
    for message in (m["content"] for messages in server.requests for m in messages):
        assert str(tmp_path) not in message and str(Path.home()) not in message and "/tmp/" not in message


def test_cli_reports_a_missing_spec_file_without_a_traceback(tmp_path):
    missing = _rtlwb("generate", "@nowhere.md", "--model", "retrieval", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere.md: cannot read the specification" in missing.stderr
    assert "Traceback" not in missing.stderr
