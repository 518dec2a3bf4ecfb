"""The decontaminate stage against the real installed suites (accel, assert, hls) and templates."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from workbench.curation.decontaminate import (
    BenchmarkText,
    DecontaminationOptions,
    benchmark_corpus,
    content_tokens,
    find_contamination,
)
from workbench.curation.record import Language, Provenance, Record
from workbench.solver.templates import load_library
from workbench.task.hls import load_hls_suite
from workbench.task.suite import PROJECT_ROOT, load_suite

OWN_SUITES = {name: PROJECT_ROOT / "benchmarks" / name for name in ("accel", "assert", "hls")}

COUNTER = """module counter #(parameter int WIDTH = 8) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             en,
    output logic [WIDTH-1:0] count
);
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            count <= '0;
        end else if (en) begin
            count <= count + 1'b1;
        end
    end
endmodule
"""
COUNTER_V2001 = """module counter (clk, reset, enable, q);
  parameter WIDTH = 4;
  input clk; input reset; input enable;
  output reg [WIDTH-1:0] q;
  always @(posedge clk or posedge reset)
    if (reset) q <= 0;
    else if (enable) q <= q + 1;
endmodule
"""
REGISTER = """module register #(parameter int WIDTH = 32) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             en,
    input  logic [WIDTH-1:0] d,
    output logic [WIDTH-1:0] q
);
    always_ff @(posedge clk) begin
        if (!rst_n) q <= '0;
        else if (en) q <= d;
    end
endmodule
"""
MUX = """module mux2 #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a,
    input  logic [WIDTH-1:0] b,
    input  logic             sel,
    output logic [WIDTH-1:0] y
);
    assign y = sel ? b : a;
endmodule
"""
ADDER = """module adder #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a,
    input  logic [WIDTH-1:0] b,
    output logic [WIDTH:0]   sum
);
    assign sum = a + b;
endmodule
"""


def make(code: str, path: str, description: str | None = None) -> Record:
    provenance = Provenance(source="test", path=path)
    return Record(id=path, language=Language.SYSTEMVERILOG, top="top", code=code, provenance=provenance,
                  description=description)


@pytest.fixture(scope="module")
def benchmarks() -> list[BenchmarkText]:
    corpus = benchmark_corpus(OWN_SUITES)
    assert corpus.problems == []
    return corpus.texts


@pytest.fixture(scope="module")
def designs():
    """(task, its design) for every accel and assert task."""
    return ([(task, task.reference_text()) for task in load_suite("accel").tasks]
            + [(task, task.design_text()) for task in load_suite("assert").tasks])


def test_corpus_holds_every_task(benchmarks):
    tasks = {text.task for text in benchmarks}
    hls = load_hls_suite(OWN_SUITES["hls"])
    assert len([t for t in tasks if t.startswith("accel/")]) == 45
    assert len([t for t in tasks if t.startswith("assert/")]) == 20
    assert {f"hls/{k.name}" for k in hls.kernels} | {f"hls/{b.id}" for b in hls.bugs} == {
        t for t in tasks if t.startswith("hls/")}
    assert len(hls.kernels) == 12


def test_every_reference_is_flagged_against_its_own_task(benchmarks, designs):
    records = [make(code, f"{task.suite}/{task.id}") for task, code in designs]
    findings = find_contamination(records, benchmarks)
    assert [(f.record_id, f.task) for f in findings] == [(r.id, r.id) for r in records]
    assert all(f.overlap == 1.0 and not f.dropped for f in findings)


def _edited(task, code: str, direction: str) -> str:
    """Comments and whitespace changed, one port renamed everywhere, a line added."""
    special = {task.config.clock.name if task.config.clock else "", task.config.reset.name if task.config.reset else ""}
    port = next(p.name for p in task.config.ports if p.direction == direction and p.name not in special)
    edited = re.sub(r"//[^\n]*", "// reworded", code)
    edited = re.sub(r"[ \t]+", " ", edited)
    edited = re.sub(rf"\b{port}\b", f"{port}_r", edited)
    return edited.replace("endmodule", "  logic spare;\n  assign spare = 1'b0;\nendmodule")


def test_lightly_edited_copies_are_flagged(benchmarks, designs):
    # accel: the first output renamed; assert designs: the first data input renamed (renaming the
    # count of a 60-token counter changes nearly every 10-gram of it: see the module's figures).
    records = [make(_edited(task, code, "output" if task.suite == "accel" else "input"), f"{task.suite}/{task.id}")
               for task, code in designs]
    findings = {f.record_id: f for f in find_contamination(records, benchmarks)}
    assert sorted(findings) == sorted(r.id for r in records)
    assert all(f.task == f.record_id for f in findings.values())


def test_generic_boilerplate_is_not_flagged(benchmarks):
    records = [make(code, name) for name, code in
               [("counter", COUNTER), ("counter_v2001", COUNTER_V2001), ("register", REGISTER), ("mux", MUX),
                ("adder", ADDER)]]
    assert find_contamination(records, benchmarks) == []


def test_independent_templates_are_not_flagged(benchmarks):
    """Our 20 templates are designed independently of the suites; the closest, the sync_fifo
    template, shares the accel sync_fifo task's interface and pointer logic (body overlap 0.24,
    46-token run), below the defaults."""
    records = [make(template.rtl(), template.name) for template in load_library().templates]
    assert find_contamination(records, benchmarks) == []
    loose = find_contamination(records, benchmarks, DecontaminationOptions(threshold=0.2, min_run=40))
    assert [(f.record_id, f.task) for f in loose] == [("sync_fifo", "accel/sync_fifo")]


def test_hls_kernels_and_bug_variants(benchmarks):
    hls = load_hls_suite(OWN_SUITES["hls"])
    kernel, bug = hls.kernels[0], hls.bugs[0]
    records = [make(kernel.text(kernel.config.source), "kernel"), make(bug.buggy_source, "bug")]
    findings = find_contamination(records, benchmarks)
    assert [(f.record_id, f.task) for f in findings] == [("kernel", f"hls/{kernel.name}"), ("bug", f"hls/{bug.id}")]


def test_a_design_pasted_into_a_large_file_is_flagged_by_its_run(benchmarks, designs):
    code = next(c for t, c in designs if t.id == "seq_divider")
    filler = "\n".join(f"module filler{i}(input logic a{i}, output logic y{i}); assign y{i} = ~a{i} ^ {i}; endmodule"
                       for i in range(400))
    findings = find_contamination([make(f"{filler}\n{code}\n{filler}", "big")], benchmarks)
    assert len(findings) == 1 and findings[0].task == "accel/seq_divider"
    assert findings[0].overlap < 0.3 and findings[0].longest >= 50


def test_a_specification_reused_as_description_is_flagged(benchmarks):
    task = load_suite("accel").tasks[3]
    findings = find_contamination([make(COUNTER, "described", description=task.spec.detailed)], benchmarks)
    assert [(f.record_id, f.task) for f in findings] == [("described", f"accel/{task.id}")]


def test_messy_input_and_drop_action(benchmarks, designs):
    huge = "\n".join(f"assign w{i} = a{i} ^ (b{i} & 8'h{i % 256:02x});" for i in range(30_000))
    assert len(huge) > 1_000_000
    records = [make("", "empty"), make("x", "one"), make(huge, "huge"), make(designs[0][1], "copy")]
    started = time.monotonic()
    findings = find_contamination(records, benchmarks, DecontaminationOptions(action="drop"))
    assert time.monotonic() - started < 10
    assert [(f.record_id, f.dropped) for f in findings] == [("copy", True)]
    assert find_contamination(records, []) == []


def test_module_headers_are_left_out_but_prose_is_kept():
    assert content_tokens("module m #(parameter W = 1) (input a, output b); assign b = a; endmodule") == [
        "assign", "b", "=", "a", ";", "endmodule"]
    assert content_tokens("The module computes A; then stops") == ["the", "module", "computes", "a", ";", "then",
                                                                     "stops"]


def test_a_broken_suite_is_skipped_and_named(tmp_path: Path):
    broken_task = tmp_path / "mixed" / "broken"
    shutil.copytree(OWN_SUITES["accel"] / "relu", tmp_path / "mixed" / "relu")
    broken_task.mkdir()
    (broken_task / "task.toml").write_text("id = [not toml")
    corpus = benchmark_corpus({"mixed": tmp_path / "mixed", "gone": tmp_path / "gone", "hls": OWN_SUITES["hls"]})
    assert {text.task for text in corpus.texts} >= {"mixed/relu", "hls/fir"}
    assert any(p.startswith("suite mixed: ") and "broken" in p for p in corpus.problems)
    assert any(p.startswith("suite gone skipped: ") for p in corpus.problems)


def test_options_are_checked():
    for bad in ({"n": 0}, {"threshold": 0}, {"min_run": 5}, {"action": "delete"}):
        with pytest.raises(ValueError):
            DecontaminationOptions(**bad)
