"""Batched simulation: which answers may share a simulator, how they are renamed, and that a batch
gives every answer the verdict it gets alone, whatever its neighbours do (real Icarus runs)."""

from __future__ import annotations

import pytest

from tests.conftest import batched, copy_task
from workbench.scorer._batch import batch_form
from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score, score_many
from workbench.task.format import load_task

HEADER = "module doctor_counter(input logic clk, input logic rst_n, output logic [3:0] count);"
COUNTS = "always_ff @(posedge clk) count <= rst_n ? count + 4'd1 : 4'd0;"


def _design(body: str, before: str = "") -> str:
    return f"```verilog\n{before}{HEADER}\n{body}\nendmodule\n```"


def test_modules_are_renamed_where_declared_ended_and_instantiated_only():
    code = ("module top(input [3:0] a, output [3:0] y);\n  wire [3:0] inner;\n  inner u (.a(a), .y(inner));\n"
            "  assign y = inner;\nendmodule : top\nmodule inner(input [3:0] a, output [3:0] y);\n"
            "  assign y = a;\nendmodule\n")
    renamed = batch_form(code, "__rtlwb7").code
    assert "module top__rtlwb7(" in renamed and "endmodule : top__rtlwb7" in renamed
    assert "module inner__rtlwb7(" in renamed and "inner__rtlwb7 u (.a(a), .y(inner));" in renamed
    assert "wire [3:0] inner;" in renamed and "assign y = inner;" in renamed  # the net keeps its name


def test_a_lone_module_is_renamed():
    assert batch_form("module m; endmodule", "_x").code == "module m_x; endmodule"


@pytest.mark.parametrize(("code", "reason"), [
    ("`define W 4\nmodule m; endmodule", "compiler directive `define"),
    ("module m; `ifdef FAST wire a; `endif endmodule", "compiler directive `ifdef"),
    ("module m(input c); reg r; always @(posedge c) r <= #1 ~r; endmodule", "a delay control"),
    ("module m; initial $display($time); endmodule", "calls $time"),
    ("module m(input c, output reg [7:0] r); always @(posedge c) r <= $random; endmodule", "calls $random"),
    ("module m; initial $finish; endmodule", "calls $finish"),
    ("package p; endpackage\nmodule m; endmodule", "PackageDeclaration outside a module"),
    ("typedef logic [3:0] nibble;\nmodule m; endmodule", "outside a module"),
    ("module m; n u(); defparam u.W = 2; endmodule\nmodule n; parameter W = 1; endmodule", "defparam"),
    ("module m; wire x = $root.m.y; endmodule", "calls $root"),
    ("module m(input a; endmodule", "does not parse"),
])
def test_answers_whose_neighbours_or_start_time_could_matter_run_alone(code, reason):
    form = batch_form(code, "_x")
    assert form.code is None and reason in form.reason


def test_harmless_directives_and_comments_do_not_keep_an_answer_alone():
    code = "`timescale 1ns/1ps\n`default_nettype none\n// `define is only mentioned\nmodule m; endmodule\n"
    assert batch_form(code, "_x").code is not None


@pytest.mark.slow
def test_a_mixed_batch_gives_each_answer_its_lone_verdict(counter_task, counter_reference):
    answers = [
        counter_reference,
        _design("always_ff @(posedge clk) count <= rst_n ? count + 4'd2 : 4'd0;"),  # wrong function
        _design(COUNTS.replace("count + 4'd1", "count + ")),  # does not compile: runs alone
        _design("always_ff @(posedge clk) count <= count + 4'd1;"),  # no reset: x forever on Icarus
        _design(COUNTS, before="`define STEP 4'd1\n"),  # a macro: runs alone
        _design(COUNTS + "\ninitial $finish;"),  # ends the simulation: runs alone
        "no code at all",
        _design("always_ff @(posedge clk) count <= rst_n ? count + 4'd1 : 4'd1;"),  # wrong reset value
        counter_reference,
    ]
    alone = [score(counter_task, answer) for answer in answers]
    together = score_many(counter_task, answers)
    assert [r.verdict() for r in together] == [r.verdict() for r in alone]
    assert [r.status for r in together[:3]] == [Status.PASS, Status.FAIL_FUNCTIONAL, Status.FAIL_COMPILE]
    assert [batched(r) for r in together] == [True, True, False, True, False, False, False, True, True]
    assert "candidate.sv" in together[2].message  # the broken answer's own diagnostics


@pytest.mark.slow
def test_a_batch_that_hangs_falls_back_to_lone_runs(tmp_path, counter_reference):
    folder = copy_task(tmp_path)
    (folder / "task.toml").write_text((folder / "task.toml").read_text() + "\n[limits]\nsim_s = 3\n")
    task = load_task(folder)
    spin = _design("integer spins = 0;\ninitial while (1) spins = spins + 1;\n" + COUNTS)
    results = score_many(task, [counter_reference, spin, counter_reference])
    assert [r.status for r in results] == [Status.PASS, Status.TIMEOUT, Status.PASS]
    assert not any(batched(r) for r in results)


@pytest.mark.slow
def test_a_compile_error_between_answers_does_not_cost_the_others_their_batch(counter_task, counter_reference):
    # pyslang accepts it; Icarus rejects it: found only by the batch's build.
    undeclared = _design("always_ff @(posedge clk) count <= enable ? count + 4'd1 : 4'd0;")
    results = score_many(counter_task, [counter_reference, undeclared, counter_reference])
    assert [r.status for r in results] == [Status.PASS, Status.FAIL_COMPILE, Status.PASS]
    assert [batched(r) for r in results] == [True, False, True]
    assert "enable" in results[1].message + results[1].diagnostics


def test_verilator_and_options_that_need_lone_artefacts_score_one_by_one(counter_task, counter_reference):
    for sim, options in (("verilator", ScoreOptions()), ("icarus", ScoreOptions(keep_build=True))):
        results = score_many(counter_task, [counter_reference, counter_reference], sim, options)
        assert [r.status for r in results] == [Status.PASS, Status.PASS]
        assert not any(batched(r) for r in results)
