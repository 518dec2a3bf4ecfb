"""The verify stage: real pyslang, Verilator, Icarus and Yosys runs on small inline records."""

from __future__ import annotations

import random

import pytest

from workbench.curation import verify as verify_module
from workbench.curation.record import CheckVerdict, Language, Provenance, Record, record_id
from workbench.curation.verify import CHECKS, VERIFIER_VERSION, VerifyOptions, _judge_log, verify_record, verify_records
from workbench.hdl.chisel import missing_reason

ADDER = """module adder(input [7:0] a, input [7:0] b, output [8:0] s);
  assign s = a + b;
endmodule
"""
COUNTER = """module counter(input clk, input rst, output reg [3:0] q);
  always @(posedge clk) if (rst) q <= 4'd0; else q <= q + 4'd1;
endmodule
"""
BENCH_HEAD = """module tb;
  reg [7:0] a, b; wire [8:0] s;
  adder dut(.a(a), .b(b), .s(s));
  initial begin
    a = 8'd200; b = 8'd100; #1;
"""
PASSING_BENCH = BENCH_HEAD + """    if (s == 9'd300) $display("PASS"); else $display("FAIL: s=%0d", s);
    $finish;
  end
endmodule
"""
SILENT_BENCH = BENCH_HEAD + """    $display("s = %0d", s);
    $finish;
  end
endmodule
"""
HANGING_BENCH = BENCH_HEAD + """    forever #1 a = a + 8'd1;
  end
endmodule
"""
FAST = ("parse", "compile", "simulate")  # the checks a simulation test needs


def make_record(code: str, top: str, language: Language = Language.VERILOG, **fields) -> Record:
    provenance = Provenance(source="inline", path=f"{top}.v")
    return Record(id=record_id(provenance, top, code + repr(sorted(fields.items()))), language=language, top=top,
                  code=code, provenance=provenance, **fields)


def test_a_good_module_is_verified_with_its_synthesis_figures():
    verification = verify_record(make_record(ADDER, "adder"), VerifyOptions(jobs=1))
    assert verification.verified, verification.reason
    assert verification.reason == ""
    assert verification.verifier == VERIFIER_VERSION
    assert set(verification.checks) == set(CHECKS)
    for name in ("parse", "lint", "compile", "synth"):
        assert verification.checks[name].verdict == CheckVerdict.PASS, name
    assert verification.checks["simulate"].verdict == CheckVerdict.SKIPPED
    assert verification.checks["simulate"].message == "no testbench or reference"
    assert verification.cells > 0
    assert verification.depth > 1  # an 8-bit ripple adder
    assert verification.lint_warnings == 0
    assert verification.checks["synth"].seconds > 0


def test_a_module_with_only_registers_after_its_inputs_has_a_short_path():
    verification = verify_record(make_record("module r(input clk, input d, output reg q);\n"
                                             "  always @(posedge clk) q <= d;\nendmodule\n", "r"))
    assert verification.verified, verification.reason
    assert verification.cells >= 1
    assert verification.depth == 0


def test_a_syntax_error_fails_parse_with_its_line_and_skips_the_rest():
    code = "module m(input a, output b);\n  assign b = a\nendmodule\n"
    verification = verify_record(make_record(code, "m"))
    assert not verification.verified
    assert verification.checks["parse"].verdict == CheckVerdict.FAIL
    assert verification.reason.startswith("parse: line 2:")
    assert "expected ';'" in verification.reason
    for name in ("lint", "compile", "synth", "simulate"):
        assert verification.checks[name].verdict == CheckVerdict.SKIPPED
        assert verification.checks[name].message == "parse failed"


def test_a_top_module_that_is_not_defined_fails_parse():
    verification = verify_record(make_record(ADDER, "subtractor"), VerifyOptions(checks=("parse",)))
    assert verification.reason == "parse: module 'subtractor' is not defined (modules found: adder)"


def test_an_undeclared_signal_fails_lint_and_compile():
    code = "module m(input a, output b);\n  assign b = a & c;\nendmodule\n"
    verification = verify_record(make_record(code, "m"), VerifyOptions(checks=("parse", "lint", "compile")))
    assert not verification.verified
    assert verification.checks["lint"].verdict == CheckVerdict.FAIL
    assert verification.reason.startswith("lint: error")
    assert "'c'" in verification.reason and "line 2" in verification.reason


def test_lint_warnings_are_counted_without_failing():
    code = "module m(input [3:0] a, output b);\n  assign b = a[0];\nendmodule\n"  # a[3:1] unused
    verification = verify_record(make_record(code, "m"), VerifyOptions(checks=("parse", "lint", "compile")))
    assert verification.verified, verification.reason
    assert verification.lint_warnings >= 1


def test_a_missing_submodule_fails_compile_naming_it():
    code = "module m(input a, output b);\n  sub u(.a(a), .b(b));\nendmodule\n"
    verification = verify_record(make_record(code, "m", missing=["sub"]),
                                 VerifyOptions(checks=("parse", "compile", "synth")))
    assert not verification.verified
    compile_check = verification.checks["compile"]
    assert compile_check.verdict == CheckVerdict.FAIL
    assert "instantiates sub, which the source does not define" in compile_check.message
    assert "Unknown module type: sub" in compile_check.message
    assert verification.checks["synth"].message == "compile failed"


def test_a_design_calling_a_forbidden_system_task_does_not_compile():
    code = 'module m(input a, output b);\n  assign b = a;\n  initial $system("rm -rf /");\nendmodule\n'
    verification = verify_record(make_record(code, "m"), VerifyOptions(checks=("parse", "compile")))
    assert verification.reason == "compile: forbidden: $system (line 3): file, process and host access are not allowed"


def test_a_design_whose_verdict_would_be_printed_may_not_print():
    # The simulate check reads PASS from the output: a design that prints could forge it.
    forging = ADDER.replace("endmodule", 'initial $display("PASS");\nendmodule')
    verification = verify_record(make_record(forging, "adder", testbench=PASSING_BENCH), VerifyOptions(checks=FAST))
    assert verification.checks["simulate"].verdict == CheckVerdict.FAIL
    assert verification.checks["simulate"].message.startswith("forbidden: $display")


def test_a_testbench_with_a_disguised_file_task_is_not_run():
    opening = 'initial begin\n    void\'(`OPEN(open)("/etc/passwd", "r"));'
    bench = "`define OPEN(x) $f``x\n" + PASSING_BENCH.replace("initial begin", opening)
    verification = verify_record(make_record(ADDER, "adder", testbench=bench), VerifyOptions(checks=FAST))
    assert verification.checks["simulate"].verdict == CheckVerdict.SKIPPED
    assert "$fopen" in verification.checks["simulate"].message


def test_a_passing_testbench_passes_simulate():
    verification = verify_record(make_record(ADDER, "adder", testbench=PASSING_BENCH), VerifyOptions(checks=FAST))
    assert verification.verified, verification.reason
    assert verification.checks["simulate"].verdict == CheckVerdict.PASS
    assert verification.checks["simulate"].message == "PASS"


def test_a_testbench_that_prints_a_failure_fails_simulate_naming_the_line():
    wrong = ADDER.replace("a + b", "a - b")
    verification = verify_record(make_record(wrong, "adder", testbench=PASSING_BENCH), VerifyOptions(checks=FAST))
    assert not verification.verified
    assert verification.checks["simulate"].verdict == CheckVerdict.FAIL
    assert verification.reason == "simulate: the testbench reported a failure: FAIL: s=100"


def test_a_testbench_that_never_prints_pass_fails():
    verification = verify_record(make_record(ADDER, "adder", testbench=SILENT_BENCH), VerifyOptions(checks=FAST))
    assert verification.reason == "simulate: the testbench never printed PASS"


def test_a_hanging_testbench_times_out():
    options = VerifyOptions(checks=FAST, timeout_s=3)
    verification = verify_record(make_record(ADDER, "adder", testbench=HANGING_BENCH), options)
    assert not verification.verified
    assert verification.reason == "simulate: the simulation did not finish within 3 s"
    assert verification.checks["simulate"].seconds >= 3


def test_a_testbench_that_writes_files_outside_its_folder_is_not_run():
    bench = PASSING_BENCH.replace("initial begin", 'initial begin\n    $dumpfile("/tmp/elsewhere.vcd");')
    verification = verify_record(make_record(ADDER, "adder", testbench=bench), VerifyOptions(checks=FAST))
    assert verification.checks["simulate"].verdict == CheckVerdict.SKIPPED
    assert "$dumpfile" in verification.checks["simulate"].message


def test_zero_counts_of_failures_are_not_failures():
    assert _judge_log("Mismatches: 0 in 100 samples\nPASSED", 0, None)[0] == CheckVerdict.PASS
    assert _judge_log("Test passed with 0 errors", 0, None)[0] == CheckVerdict.PASS
    assert _judge_log("ERROR: got 0x5\nPASS", 0, None)[0] == CheckVerdict.FAIL
    assert _judge_log("PASS", 1, None) == (CheckVerdict.FAIL, "the simulation ended with exit status 1")


def test_an_equivalent_reference_passes_and_a_different_one_fails():
    rewrite = COUNTER.replace("q <= q + 4'd1;", "q <= q - 4'd15;")  # the same modulo 16
    options = VerifyOptions(checks=("parse", "compile", "simulate"))
    same = verify_record(make_record(rewrite, "counter", reference=COUNTER), options)
    assert same.verified, same.reason
    assert same.checks["simulate"].verdict == CheckVerdict.PASS
    other = verify_record(make_record(COUNTER.replace("4'd1;", "4'd2;"), "counter", reference=COUNTER), options)
    assert not other.verified
    assert other.reason.startswith("simulate: an output differs from the reference")


def test_only_the_requested_checks_run():
    verification = verify_record(make_record(ADDER, "adder"), VerifyOptions(checks=("parse", "lint")))
    assert verification.checks["parse"].verdict == CheckVerdict.PASS
    assert verification.checks["lint"].verdict == CheckVerdict.PASS
    for name in ("compile", "synth", "simulate"):
        assert verification.checks[name].verdict == CheckVerdict.SKIPPED
        assert verification.checks[name].message == "not requested"
    assert verification.cells is None
    assert not verification.verified  # compile did not run
    assert verification.reason == "compile: not requested"


def test_unknown_checks_are_refused():
    with pytest.raises(ValueError, match="unknown check"):
        VerifyOptions(checks=("parse", "formal"))


def test_records_are_verified_in_parallel_one_verification_each_even_for_pathological_input():
    rng = random.Random(9)
    garbage = "".join(rng.choice("module();{}[]=+-*&|^~!@#$%`'\"/\\ \n\tabcxyz0123456789") for _ in range(200_000))
    binaryish = "".join(chr(rng.randrange(0, 0x250)) for _ in range(20_000))
    records = [make_record(ADDER, "adder"),
               make_record(garbage, "garbage"),
               make_record(binaryish, "binary"),
               make_record("module m(input a, output b);\n  assign b = a\nendmodule\n", "m"),
               make_record(COUNTER, "counter")]
    options = VerifyOptions(jobs=2, timeout_s=30)
    verifications = {v.record_id: v for v in verify_records(records, options)}
    assert set(verifications) == {record.id for record in records}
    assert verifications[records[0].id].verified
    assert verifications[records[4].id].verified
    for record in records[1:4]:
        assert not verifications[record.id].verified
        assert verifications[record.id].reason.startswith("parse:")


def test_a_crash_inside_one_record_becomes_its_failed_verification(monkeypatch):
    def explode(self, folder):
        raise RuntimeError("boom")

    records = [make_record(ADDER, "adder"), make_record(COUNTER, "counter")]
    monkeypatch.setattr(verify_module._Verifier, "run", explode)
    verifications = list(verify_records(records, VerifyOptions(jobs=2)))
    assert sorted(v.record_id for v in verifications) == sorted(r.id for r in records)
    assert all(not v.verified and "RuntimeError: boom" in v.reason for v in verifications)


def test_a_chisel_record_without_the_toolchain_is_skipped_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("RTLWB_CHISEL_HOME", str(tmp_path / "no-chisel"))
    reason = missing_reason()
    assert reason is not None
    verification = verify_record(make_record("class Foo extends Module {}", "Foo", Language.CHISEL))
    assert not verification.verified
    assert verification.reason == f"elaborate: {reason}"
    assert all(check.verdict == CheckVerdict.SKIPPED for check in verification.checks.values())


CHISEL_ADDER = """import chisel3._

class Adder extends Module {
  val io = IO(new Bundle {
    val a = Input(UInt(8.W))
    val b = Input(UInt(8.W))
    val s = Output(UInt(9.W))
  })
  io.s := io.a +& io.b
}
"""


@pytest.mark.slow
@pytest.mark.skipif(missing_reason() is not None, reason="the Chisel toolchain is not set up")
def test_a_chisel_record_is_elaborated_then_checked_as_verilog():
    good = verify_record(make_record(CHISEL_ADDER, "Adder", Language.CHISEL), VerifyOptions(timeout_s=180))
    assert good.verified, good.reason
    assert good.checks["elaborate"].verdict == CheckVerdict.PASS
    assert good.checks["parse"].verdict == CheckVerdict.SKIPPED
    assert good.checks["compile"].verdict == CheckVerdict.PASS
    assert good.cells > 0
    bad = verify_record(make_record(CHISEL_ADDER.replace("io.a +& io.b", "io.a +& io.c"), "Adder", Language.CHISEL),
                        VerifyOptions(timeout_s=180))
    assert not bad.verified
    assert bad.reason.startswith("elaborate: Scala compile error")


def test_a_design_yosys_cannot_read_is_verified_without_synthesis_figures():
    # Our exp_lut block: valid SystemVerilog (pyslang, Verilator and Icarus accept it) that Yosys's
    # own front end does not read. A tool's limitation is not a defect of the design.
    from workbench.solver.templates import find_template

    code = find_template("exp_lut").rtl()
    verification = verify_record(make_record(code, "exp_lut", Language.SYSTEMVERILOG),
                                 VerifyOptions(checks=("parse", "compile", "synth")))
    synth = verification.checks["synth"]
    assert verification.verified and verification.cells is None
    assert synth.verdict is CheckVerdict.SKIPPED and synth.message.startswith("Yosys cannot read this design (")


def test_combinational_depth_follows_the_longest_path_and_cuts_loops():
    def cell(kind, inputs, outputs):
        return {"type": kind, "port_directions": {**{p: "input" for p in inputs}, **{p: "output" for p in outputs}},
                "connections": {**inputs, **outputs}}

    # a -> n1 -> n2 -> n3 and a -> n3 directly (reconvergent); a flop cuts the path; n4 <-> n5 loop.
    netlist = {"modules": {"m": {"cells": {
        "n1": cell("$_NOT_", {"A": [2]}, {"Y": [10]}),
        "n2": cell("$_NOT_", {"A": [10]}, {"Y": [11]}),
        "n3": cell("$_AND_", {"A": [2], "B": [11]}, {"Y": [12]}),
        "ff": cell("$_DFF_P_", {"D": [12], "C": [3]}, {"Q": [13]}),
        "n6": cell("$_NOT_", {"A": [13]}, {"Y": [14]}),
        "n4": cell("$_AND_", {"A": [15], "B": [2]}, {"Y": [16]}),
        "n5": cell("$_NOT_", {"A": [16]}, {"Y": [15]}),
    }}}}
    assert verify_module.combinational_depth(netlist, "m") == 3


def test_a_sandbox_that_cannot_run_a_tool_skips_the_check_and_never_fails_the_record(monkeypatch):
    from workbench.sandbox import RunOutcome

    def not_started(argv, cwd, env, limits, log_path, **_):
        log_path.write_text("bwrap: cannot mount\n")
        return RunOutcome(1, False, 0.0, infra_failure="the sandbox did not start the command")

    monkeypatch.setattr(verify_module, "run_limited", not_started)
    verification = verify_record(make_record(ADDER, "adder", testbench=PASSING_BENCH),
                                 VerifyOptions(jobs=1, checks=FAST))
    assert verification.checks["compile"].verdict == CheckVerdict.SKIPPED
    assert "could not run here: the sandbox did not start" in verification.checks["compile"].message
    assert not verification.verified  # compile is required: not verified, but not failed either


def test_a_testbench_that_prints_harness_trouble_gets_its_own_verdict():
    loud = BENCH_HEAD + """    $display("No space left on device; iverilog: command not found");
    $display("FAIL: s=%0d", s);
    $finish;
  end
endmodule
"""
    verification = verify_record(make_record(ADDER, "adder", testbench=loud), VerifyOptions(jobs=1, checks=FAST))
    assert verification.checks["simulate"].verdict == CheckVerdict.FAIL


def test_lint_reads_the_design_and_writes_nothing_beside_it(tmp_path):
    from workbench.hdl.lint import lint

    source = tmp_path / "design.sv"
    source.write_text(ADDER.replace("a + b", "a + c"))
    report = lint(source, "adder")
    if report.skipped:
        pytest.skip(report.skipped)
    assert report.errors and sorted(path.name for path in tmp_path.iterdir()) == ["design.sv", "lint.log"]
