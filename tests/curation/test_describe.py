"""The describe stage: three requests per record, each answer checked. The answers below are
fixtures given by a ScriptedModel (or by a local stub server through the real chat path); what is
asserted is the stage's behaviour on them, never the quality of a model."""

from __future__ import annotations

import re
import threading
import time

from tests.stub_openai_server import StubServer, completion_body
from workbench.curation.describe import (
    CODE_CHANGED,
    DESCRIBE_PROMPT_VERSION,
    NO_MODEL_MESSAGE,
    DescribeOptions,
    check_description,
    describe_prompts,
    describe_record,
    describe_records,
    failed_by_model,
)
from workbench.curation.record import Language, Provenance, Record, record_id
from workbench.model import ChatAPIModel, ChatOptions, ModelError, ScriptedModel, get_model

COUNTER = """module counter(input clk, input rst, input en, output reg [3:0] q);
  always @(posedge clk)
    if (rst) q <= 4'd0;
    else if (en) q <= q + 4'd1;
endmodule
"""
COUNTER_COMMENTED_CODE = """// A 4-bit up counter with a synchronous reset.
module counter(input clk, input rst, input en, output reg [3:0] q);
  // On each rising edge: clear on reset, otherwise count up while enabled
  // (it never computes q - 1).
  always @(posedge clk)
    if (rst) q <= 4'd0;
    else if (en)
      q <= q + 4'd1;  /* wraps from 15 to 0 */
endmodule
"""
COUNTER_COMMENTED = f"```verilog\n{COUNTER_COMMENTED_CODE}```"
COUNTER_SUMMARY = "A 4-bit up counter with an enable and a synchronous active-high reset."
COUNTER_DETAILED = """`counter` is a 4-bit up counter.

- `clk` (input): the clock; the counter changes on its rising edge.
- `rst` (input): synchronous, active-high reset; sets `q` to 0.
- `en` (input): count enable.
- `Q` (output, 4 bits): the count, wrapping from 15 to 0.
"""

CHISEL = """import chisel3._

class Toggle extends Module {
  val io = IO(new Bundle { val flip = Input(Bool()); val out = Output(Bool()) })
  val state = RegInit(false.B)
  when (io.flip) { state := !state }
  io.out := state // "not a // comment" stays text
}
"""
CHISEL_COMMENTED = """```scala
import chisel3._

// Toggles its output each cycle `flip` is high.
class Toggle extends Module {
  val io = IO(new Bundle { val flip = Input(Bool()); val out = Output(Bool()) })
  /* the stored bit, false after reset */
  val state = RegInit(false.B)
  when (io.flip) { state := !state }  // invert on request
  io.out := state
}
```"""


def make_record(code: str, top: str, language: Language = Language.VERILOG) -> Record:
    provenance = Provenance(source="inline", path=f"{top}.v")
    return Record(id=record_id(provenance, top, code), language=language, top=top, code=code, provenance=provenance)


def scripted(summary: str = COUNTER_SUMMARY, detailed: str = COUNTER_DETAILED, commented: str = COUNTER_COMMENTED,
             **kwargs) -> ScriptedModel:
    """Answers by the grain asked for: the request is the context's ``spec``."""
    def answer(context) -> str:
        if "In one sentence" in context.spec:
            return summary
        if "re-implement" in context.spec:
            return detailed
        assert "block-level comments" in context.spec
        return commented
    return ScriptedModel(answer, **kwargs)


def test_a_good_description_is_accepted_and_the_prompts_ask_one_grain_each():
    record = make_record(COUNTER, "counter")
    model = scripted()
    description = describe_record(record, model)
    assert description.accepted and description.problems == []
    assert description.record_id == record.id and description.model == "scripted"
    assert description.summary == COUNTER_SUMMARY and description.detailed == COUNTER_DETAILED.strip()
    assert description.commented_code == COUNTER_COMMENTED_CODE
    assert model.calls == 3 and DESCRIBE_PROMPT_VERSION == "describe@1"
    summary, detailed, commented = (messages[-1].content for messages in model.received)
    assert all(COUNTER in request for request in (summary, detailed, commented))
    assert "one sentence" in summary and "block-level comments" in commented
    assert "- input clk" in detailed and "- output [3:0] q" in detailed  # the ports to name are listed
    assert [m.role for m in model.received[0]] == ["system", "user"]
    assert describe_prompts(record)["detailed"] == model.received[1]  # what is shown is what was sent


def test_a_detailed_description_that_omits_a_port_is_not_accepted_and_names_it():
    # "enable" is not the port `en`: ports are matched as whole words (case-insensitively: `Q` is `q`).
    detailed = COUNTER_DETAILED.replace("- `en` (input): count enable.\n", "It counts while enabled.\n")
    description = describe_record(make_record(COUNTER, "counter"), scripted(detailed=detailed))
    assert not description.accepted
    assert description.problems == ["the detailed description does not name the port(s) `en`"]
    unnamed = check_description(make_record(COUNTER, "counter"), COUNTER_SUMMARY, "It counts clk rst en q.",
                                COUNTER_COMMENTED_CODE)
    assert unnamed == ["the detailed description does not name the module `counter`"]


def test_commented_code_that_changes_an_operator_is_rejected():
    changed = COUNTER_COMMENTED.replace("q <= q + 4'd1", "q <= q - 4'd1")
    description = describe_record(make_record(COUNTER, "counter"), scripted(commented=changed))
    assert not description.accepted and len(description.problems) == 1
    assert description.problems[0].startswith(CODE_CHANGED) and "q - 4'd1" in description.problems[0]
    cut = COUNTER_COMMENTED.replace("endmodule\n", "")
    assert "it stops before `endmodule`" in describe_record(make_record(COUNTER, "counter"),
                                                            scripted(commented=cut)).problems[0]


def test_summary_and_comment_rules():
    record = make_record(COUNTER, "counter")
    assert check_description(record, "", COUNTER_DETAILED, COUNTER_COMMENTED_CODE) == ["the summary is empty"]
    assert check_description(record, "A counter.\nIt counts.", COUNTER_DETAILED, COUNTER_COMMENTED_CODE) == [
        "the summary has 2 lines, not one"]
    directive = COUNTER_COMMENTED_CODE.replace("// A 4-bit", "// synopsys translate_off\n// A 4-bit")
    assert check_description(record, COUNTER_SUMMARY, COUNTER_DETAILED, directive) == [
        "the commented code adds tool directives in comments: `synopsys translate_off`"]
    assert check_description(record, COUNTER_SUMMARY, COUNTER_DETAILED, "") == ["the commented code is missing"]
    # A labelled, quoted summary is read as the sentence; code split over two fences is joined.
    split = COUNTER_COMMENTED.replace("  always", "```\nThen the counting:\n```verilog\n  always")
    description = describe_record(record, scripted(summary=f'Summary: "{COUNTER_SUMMARY}"', commented=split))
    assert description.accepted and description.summary == COUNTER_SUMMARY


def test_chisel_ports_are_not_checked_but_the_code_is():
    record = make_record(CHISEL, "Toggle", Language.CHISEL)
    model = scripted(summary="Toggles a bit on request.", detailed="`Toggle` keeps one bit.",
                     commented=CHISEL_COMMENTED)
    description = describe_record(record, model)
    assert description.accepted, description.problems  # `flip` and `out` are not named: not checked for Chisel
    assert "```scala" in model.received[2][-1].content and "IO` bundles" in model.received[1][-1].content
    changed = CHISEL_COMMENTED.replace("state := !state", "state := state")
    problems = check_description(record, "Toggles a bit.", "`Toggle` keeps one bit.", changed)
    assert len(problems) == 1 and problems[0].startswith(CODE_CHANGED)


def test_a_model_error_is_the_records_outcome_and_the_others_complete():
    records = [make_record(COUNTER.replace("counter", name), name) for name in ("c0", "c1", "c2")]

    def answer(context) -> str:
        if context.top == "c1" and "re-implement" in context.spec:
            raise ModelError("stub: the server is down (after 6 attempts)")
        return {"summary": COUNTER_SUMMARY, "detailed": COUNTER_DETAILED.replace("`counter`", f"`{context.top}`"),
                "commented": COUNTER_COMMENTED.replace("counter(", f"{context.top}(")}[
            "summary" if "In one sentence" in context.spec else "detailed" if "re-implement" in context.spec
            else "commented"]

    results = {d.record_id: d for d in describe_records(records, ScriptedModel(answer), DescribeOptions(jobs=2))}
    assert len(results) == 3
    failed = results[records[1].id]
    assert not failed.accepted and failed_by_model(failed)
    assert failed.problems == ["model failure on the detailed request: stub: the server is down (after 6 attempts)"]
    assert failed.summary == COUNTER_SUMMARY  # what came before the failure is kept
    assert all(results[r.id].accepted for r in (records[0], records[2]))
    assert not failed_by_model(describe_record(records[0], scripted(detailed="")))


def test_describe_records_in_parallel_returns_one_result_per_record():
    names = [f"c{i}" for i in range(8)]
    records = [make_record(COUNTER.replace("counter", name), name) for name in names]
    in_flight, peak, lock = 0, 0, threading.Lock()

    def answer(context) -> str:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.02)
        with lock:
            in_flight -= 1
        if "In one sentence" in context.spec:
            return COUNTER_SUMMARY
        if "re-implement" in context.spec:
            return COUNTER_DETAILED.replace("`counter`", f"`{context.top}`")
        return COUNTER_COMMENTED.replace("counter(", f"{context.top}(")

    model = ScriptedModel(answer)
    results = list(describe_records(iter(records), model, DescribeOptions(jobs=4)))
    assert sorted(d.record_id for d in results) == sorted(r.id for r in records)
    assert all(d.accepted for d in results) and model.calls == 24 and peak > 1


def test_through_the_openai_compatible_path_against_a_local_stub_server():
    record = make_record(COUNTER, "counter")

    def reply(number, messages):
        request = messages[-1]["content"]
        if "module other" in request:
            return 400, {"error": {"message": "bad request", "type": "invalid_request_error"}}
        if "In one sentence" in request:
            return 200, completion_body(COUNTER_SUMMARY)
        if "re-implement" in request:
            return 200, completion_body(COUNTER_DETAILED)
        return 200, completion_body("Here it is:\n" + COUNTER_COMMENTED.replace("q + 4'd1", "q + 4'd2"))

    with StubServer(reply) as server:
        model = get_model("openai-compatible/stub", base_url=server.base_url,
                          options=ChatOptions(max_attempts=1, timeout_s=10))
        description = describe_record(record, model)
        broken = describe_record(make_record("module other(input a); endmodule\n", "other"), model)
    assert isinstance(model, ChatAPIModel) and description.model == "openai-compatible/stub"
    assert len(server.requests) == 4 and server.requests[0][0]["role"] == "system"
    assert description.summary == COUNTER_SUMMARY and not description.accepted
    assert description.problems[0].startswith(CODE_CHANGED) and "q + 4'd2" in description.problems[0]
    assert failed_by_model(broken) and "on the summary request" in broken.problems[0]


def test_no_model_message_names_provider_strings_that_get_model_accepts():
    for spec in re.findall(r"--model (\S+)", NO_MODEL_MESSAGE):
        if spec.split("/")[0] in ("openai", "ollama"):
            assert get_model(spec).name == spec
    assert "ollama/" in NO_MODEL_MESSAGE and "--base-url" in NO_MODEL_MESSAGE
