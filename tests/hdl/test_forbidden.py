"""Forbidden constructs, found on pyslang's preprocessed view of an answer: each known bypass of a
textual scan, what stays allowed, line numbers, includes that are never opened, hostile input."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyslang import syntax

from workbench.hdl.forbidden import EVERY_PLAIN_NAME, MAX_FINDINGS, Forbidden, forbidden_constructs
from workbench.task.suite import PROJECT_ROOT, load_suite


def found(code: str, **rules) -> list[str]:
    return [str(finding) for finding in forbidden_constructs(code, **rules)]


def module(body: str) -> str:
    return f"module m(input logic clk, output logic o);\n{body}\nendmodule\n"


def test_a_finding_reads_as_construct_and_line():
    assert str(Forbidden("$fopen", 12)) == "$fopen (line 12)"


# -- system tasks: an allow-list ------------------------------------------------------------------

def test_file_and_process_tasks_are_found_outside_comments_and_strings():
    code = module('initial begin $system("rm -rf /"); $display("$fopen"); end // $fwrite\n/* $readmemh */')
    assert found(code) == ["$system (line 2)"]


@pytest.mark.parametrize("task", ["$fopen", "$fopenr", "$fopenw", "$fopena", "$fdisplay", "$fscanf", "$fgets",
                                  "$writememh", "$dumpfile", "$sdf_annotate", "$ivl_darray_method$size", "$exit"])
def test_anything_not_on_the_allow_list_is_forbidden(task):
    assert found(module(f'integer f;\ninitial f = {task}("x");')) == [f"{task} (line 3)"]


def test_an_escaped_identifier_naming_a_system_task_is_found():
    assert found(module('integer f;\ninitial f = \\$fopen ("out.txt");')) == ["$fopen (line 3)"]


def test_a_system_task_pasted_together_by_a_macro_is_found_where_the_macro_is_used():
    code = "`define F(x) $f``x\n" + module('integer f;\ninitial f = `F(open)("out.txt", "w");')
    assert found(code) == ["$fopen (line 4)"]


def test_a_macro_that_hides_a_system_task_is_found():
    code = "`define OPEN $fopen\n`define NAME \"/etc/passwd\"\n" + module("integer f;\ninitial f = `OPEN(`NAME);")
    assert found(code) == ["$fopen (line 5)"]


@pytest.mark.parametrize("call", ['$c("system(\\"id\\");")', '$c32("getpid()")', '$cpure("0")'])
def test_verilator_inline_cplusplus_is_forbidden(call):
    assert found(module(f"initial {call};"))[0].startswith("$c")


def test_allowed_system_functions_are_not_flagged():
    body = """
  logic [7:0] a, b; real r; integer i; string s; int q[$];
  initial begin
    $display("%0d", $clog2(16)); $write("x"); $strobe("y"); $monitor("%b", a); $displayh(a);
    $info("i"); $warning("w"); $error("e");
    r = $sqrt(2.0) + $pow(2.0, 3.0) + $ln(1.0) + $itor(3) + $atan2(1.0, 2.0);
    i = $bits(a) + $size(q) + $countones(a) + $signed(a) + $unsigned(b) + $time + $random + $urandom_range(3);
    i = $dist_uniform(i, 0, 9) + $isunknown(a) + $onehot(a) + $high(a) + $rtoi(r);
    s = $sformatf("%0d", a); $sformat(s, "%0d", b); $swrite(s, a);
    if ($test$plusargs("verbose")) i = 0;
    void'($value$plusargs("seed=%d", i));
    $timeformat(-9, 0, " ns", 5); $printtimescale;
    $finish;
  end
  always @(posedge clk) assert (!$isunknown(a)) else $fatal(1, "x");
  assert property (@(posedge clk) $rose(a[0]) |-> $past(b[0]) || $stable(a) || $changed(b));
"""
    assert found(module(body)) == []


def test_printing_ending_and_time_format_are_forbidden_when_the_verdict_is_read_from_output():
    body = ('initial begin\n$display("Mismatches: 0 in 10 samples");\n$fatal(1);\n$finish;\n'
            '$timeformat(-9, 0, " Mismatches: 0", 5);\n$monitor("%b", o);\nend')
    assert found(module(body), text_verdict=True) == [
        "$display (line 3)", "$fatal (line 4)", "$finish (line 5)", "$timeformat (line 6)", "$monitor (line 7)"]
    assert found(module(body)) == []


def test_readmem_reads_only_the_tasks_own_data_files_by_literal_name():
    def read(argument: str) -> list[str]:
        return found(module(f"logic [7:0] mem [0:3];\ninitial $readmemh({argument}, mem);"), data_files=["w.hex"])

    assert read('"w.hex"') == []
    assert read('"/etc/passwd"') == ['$readmemh("/etc/passwd") (line 3)']
    assert read('"other.hex"') == ['$readmemh("other.hex") (line 3)']
    assert read('"../w.hex"') == ['$readmemh("../w.hex") (line 3)']
    assert read('$sformatf("%s", "w.hex")') == ["$readmemh of a file named by an expression (line 3)"]
    assert read('{"w.hex", "/../../etc/passwd"}') == ["$readmemh of a file named by an expression (line 3)"]
    assert read('"w.hex" + 0') == ['$readmemh("w.hex") (line 3)']
    assert found(module('logic [7:0] mem [0:3];\ninitial $readmemb("w.hex", mem);')) == ['$readmemb("w.hex") (line 3)']


def test_a_testbench_may_dump_waves_and_read_vectors_under_plain_names():
    bench = module('logic [7:0] v [0:3];\ninitial begin $dumpfile("waves.vcd"); $dumpvars; $readmemh("v.hex", v); end')
    assert found(bench, data_files=EVERY_PLAIN_NAME, extra_allowed={"$dumpfile", "$dumpvars"}) == []
    elsewhere = bench.replace("waves.vcd", "/tmp/elsewhere.vcd")
    assert found(elsewhere, data_files=EVERY_PLAIN_NAME, extra_allowed={"$dumpfile", "$dumpvars"}) == [
        '$dumpfile("/tmp/elsewhere.vcd") (line 3)']


# -- DPI, bind, directives ------------------------------------------------------------------------

def test_dpi_imports_and_exports_are_forbidden():
    code = ('import "DPI-C" function int system(input string command);\n'
            'import "DPI" context function void getpid();\n'
            + module('export "DPI-C" function f;\nfunction void f(); endfunction\ninitial void\'(system("id"));'))
    assert found(code) == ["DPI import (line 1)", "DPI import (line 2)", "DPI export (line 4)"]


def test_package_imports_are_not_dpi():
    code = "package p; localparam int W = 4; endpackage\nimport p::*;\n" + module("assign o = W[0];")
    assert found(code) == []


def test_bind_is_forbidden():
    assert found(module("") + "bind m checker_mod u_check(.*);\n") == ["bind (line 4)"]


def test_verilators_cplusplus_directives_are_forbidden():
    code = module('`systemc_implementation\n#include <stdlib.h>\nstatic int x = system("id");\n`verilog')
    findings = found(code)
    assert "`systemc_implementation (line 2)" in findings and "`verilog (line 5)" in findings


@pytest.mark.parametrize("path", ["/etc/passwd", "/proc/1/environ", "../secret.v", "data.hex/../../x"])
def test_an_include_is_forbidden_unless_it_names_a_data_file(path):
    assert found(f'`include "{path}"\n' + module(""), data_files=["data.hex"]) == [f'`include "{path}" (line 1)']


def test_an_include_of_a_data_file_is_allowed_and_other_forms_are_not():
    assert found('`include "table.vh"\n' + module(""), data_files=["table.vh"]) == []
    assert found("`include <table.vh>\n" + module(""), data_files=["table.vh"]) == ["`include <table.vh> (line 1)"]
    assert found('`define P "/etc/passwd"\n`include `P\n' + module("")) == ['`include "/etc/passwd" (line 2)']


def test_an_include_of_an_existing_file_is_reported_and_its_content_never_read(tmp_path):
    canary = tmp_path / "canary.v"
    canary.write_text('module leaked; initial $system("echo pwned"); endmodule\n')
    # Had pyslang read the file, its $system would be a finding too.
    assert found(f'`include "{canary}"\n' + module("")) == [f'`include "{canary}" (line 1)']
    assert len(str(canary)) < 90  # shown whole


def test_an_included_file_is_never_even_opened(tmp_path):
    fifo = tmp_path / "probe.v"
    os.mkfifo(fifo)
    code = f'`include "{fifo}"\n' + module("")

    def opens(parse) -> bool:
        """Whether ``parse`` opened the FIFO: a reader opening it lets a blocked writer finish. The
        writer is another process: pyslang keeps Python's lock while it reads a file."""
        writer = subprocess.Popen([sys.executable, "-c", f"open({str(fifo)!r}, 'w').write('module leaked; endmodule')"])
        try:
            parse()
            writer.wait(timeout=2)
            return True
        except subprocess.TimeoutExpired:
            return False
        finally:
            if writer.poll() is None:  # release the writer: open the FIFO ourselves
                reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                writer.wait(timeout=10)
                os.close(reader)

    assert opens(lambda: syntax.SyntaxTree.fromText(code, "answer.sv"))  # the probe notices pyslang's defaults
    assert not opens(lambda: forbidden_constructs(code))


# -- conditional compilation ----------------------------------------------------------------------

@pytest.mark.parametrize("macro", ["__ICARUS__", "__VAMS_ENABLE__", "VERILATOR", "verilator", "VERILATOR_TIMING",
                                   "SYNTHESIS", "FORMAL"])
def test_code_that_only_one_tool_compiles_is_checked_too(macro):
    code = module(f'`ifdef {macro}\ninitial $system("id");\n`endif')
    assert found(code) == ["$system (line 3)"]
    code = module(f'`ifndef {macro}\n`else\ninitial $system("id");\n`endif')
    assert found(code) == ["$system (line 4)"]


def test_code_that_no_tool_we_run_compiles_is_not_flagged():
    code = module('`ifdef COCOTB_SIM\ninitial begin $dumpfile("waves.vcd"); $dumpvars; end\n`endif')
    assert found(code) == []


def test_a_macro_defined_for_one_simulator_only_is_expanded_as_that_simulator_would():
    code = ("`ifdef __ICARUS__\n`define OPEN $f``open\n`else\n`define OPEN $display\n`endif\n"
            + module('integer f;\ninitial f = `OPEN("x");'))
    assert found(code) == ["$fopen (line 8)"]


def test_ifndef_hides_nothing_either():
    code = module('`ifndef VERILATOR\n`include "/etc/passwd"\n`else\ninitial $fopen("x");\n`endif')
    assert found(code) == ['`include "/etc/passwd" (line 3)', "$fopen (line 5)"]


# -- hierarchical references ----------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("assign o = tb.dut.q;", "hierarchical reference tb.dut.q (line 2)"),
    ("assign o = top.x;", "hierarchical reference top.x (line 2)"),
    ("initial tb.pass_task();", "hierarchical reference tb.pass_task (line 2)"),
    ("initial -> tb.done;", "hierarchical reference tb.done (line 2)"),
    ("initial force tb.dut.q = 1;", "force on the hierarchical name tb.dut.q (line 2)"),
    ("initial release tb.dut.q;", "release of the hierarchical name tb.dut.q (line 2)"),
    ("defparam tb.dut.P = 2;", "defparam of the hierarchical name tb.dut.P (line 2)"),
    ("assert property (@(posedge clk) tb.ok);", "hierarchical reference tb.ok (line 2)"),
    ("assign o = $root.tb.q;", "$root (line 2)"),
])
def test_hierarchical_names_that_leave_the_answer_are_forbidden(body, expected):
    assert found(module(body)) == [expected]


def test_a_call_by_plain_name_that_the_answer_cannot_resolve_is_forbidden():
    # A simulator looks for a task or function name upwards: it could find the testbench's.
    assert found(module("initial pass_task();")) == ["call of pass_task, which no scope around it declares (line 2)"]
    assert found(module("initial pass_task;")) == ["call of pass_task, which no scope around it declares (line 2)"]
    assert found(module("initial disable tb_run;")) == ["disable of tb_run, which no scope around it declares (line 2)"]
    sibling = ("module other; function automatic logic h(); return 1; endfunction endmodule\n"
               + module("assign o = h();"))
    assert found(sibling) == ["call of h, which no scope around it declares (line 3)"]


def test_calls_the_answer_resolves_itself_are_fine():
    code = """package p; function automatic int twice(int x); return 2 * x; endfunction endpackage
function automatic int unit_level(int x); return x; endfunction
class C; function void a(); b(); endfunction function void b(); endfunction endclass
module leaf(output logic q); assign q = parent_f(); endmodule
module top(input logic clk, input logic a, output logic o);
  import p::*;
  function automatic logic parent_f(); return 1'b1; endfunction
  task automatic t; endtask
  sequence s1; a; endsequence
  property p1; @(posedge clk) s1; endproperty
  assert property (p1);
  C c; int n;
  leaf u(.q(o));
  initial begin : blk c = new; c.a(); t; t(); n = twice(unit_level(1)); disable blk; end
endmodule
"""
    assert found(code) == []


def test_struct_members_interface_ports_and_downward_references_are_fine():
    code = """typedef struct packed { logic [3:0] a; logic b; } pair_t;
interface bus_if; logic valid; modport sink(input valid); endinterface
module leaf #(parameter P = 1)(output logic q); assign q = top.r; endmodule
module top(input logic clk, bus_if.sink bus, output logic o);
  pair_t s; logic r; int q[$];
  bus_if local_bus();
  leaf u_leaf(.q());
  defparam u_leaf.P = 2;
  for (genvar i = 0; i < 2; i++) begin : g logic w; end
  clocking cb @(posedge clk); input r; endclocking
  function automatic logic f(pair_t p); return p.b; endfunction
  initial begin : blk int n; n = q.size(); disable top.blk; end
  always @(posedge clk) r <= s.b ^ bus.valid ^ u_leaf.q ^ g[1].w ^ local_bus.valid ^ cb.r ^ f(s) ^ top.r;
  initial force u_leaf.q = 0;
endmodule
"""
    assert found(code) == []


def test_a_name_declared_only_in_another_scope_does_not_make_a_reference_local():
    code = module("struct packed { logic tb; } s;\nif (1) begin : g logic tb; end\nassign o = tb.dut.q;")
    assert found(code) == ["hierarchical reference tb.dut.q (line 4)"]


def test_a_reference_in_code_that_is_not_elaborated_is_still_checked():
    code = "module m #(parameter P = 0)(output logic o);\n  if (P) begin : g assign o = tb.dut.q; end\nendmodule\n"
    assert found(code) == ["hierarchical reference tb.dut.q (line 2)"]


def test_a_design_that_does_not_elaborate_for_another_reason_gets_the_right_answer():
    # `missing` is not defined and `nope` not declared: errors, but not about the dotted names.
    fine = module("missing u_sub(.q());\nassign o = u_sub.q ^ m.o;\nassign zz = nope;")
    assert found(fine) == []
    upward = ("module leaf(output logic q); assign q = top.r; endmodule\n"
              "module top(output logic o); logic r; leaf u(.q(o)); assign zz = nope; endmodule\n")
    assert found(upward) == []
    leaving = module("missing u_sub(.q());\nassign o = tb.q;")
    assert found(leaving) == ["hierarchical reference tb.q (line 3)"]


def test_an_upward_reference_resolving_to_another_unrelated_top_is_forbidden():
    code = "module a(output logic o); assign o = b.x; endmodule\nmodule b; logic x; endmodule\n"
    assert found(code) == ["hierarchical reference b.x (line 1)"]


def test_a_hierarchical_name_made_by_a_macro_is_found_where_the_macro_is_used():
    assert found("`define T tb.dut\n" + module("assign o = `T.q;")) == ["hierarchical reference tb.dut.q (line 3)"]


# -- code that does not parse, line numbers, limits, hostile input --------------------------------

def test_code_that_does_not_parse_is_still_scanned():
    code = 'module m( $fopen ; ;; )\n$system("id") endmodule\nxx $fwrite ) tb.dut.q = 1;'
    assert found(code) == ["$fopen (line 1)", "$system (line 2)", "$fwrite (line 3)",
                           "hierarchical reference tb.dut.q (line 3)"]


def test_line_numbers_are_those_of_the_code_whatever_line_directives_say():
    code = 'module m;\n`line 100 "elsewhere.v" 0\n// é\ninitial $fopen("a");\nendmodule\n'
    assert found(code) == ["$fopen (line 4)"]


def test_exponential_macros_hit_the_preprocessors_limits_quickly():
    chain = "\n".join(["`define A0 x", *(f"`define A{i} `A{i - 1} `A{i - 1}" for i in range(1, 64))])
    nested = "`define D(x) x x\n" + module("wire " + "`D(" * 80 + "y" + ")" * 80 + ";")
    for code in (chain + "\n" + module("wire `A63;"), nested):
        started = time.monotonic()
        findings = found(code)
        assert time.monotonic() - started < 10
        assert any("the preprocessor's limits" in finding for finding in findings)


def test_macros_that_use_each_other_or_are_named_by_pasting_are_refused():
    assert "the preprocessor's limits (macros that use each other)" in found(
        "`define A `B\n`define B `A\n" + module("wire `A;"))[0]
    assert any("a macro named by token pasting" in f for f in found(
        "`define A5 $fopen\n`define X(n) `A``n\n" + module('initial o = `X(5)("q");')))


def test_a_large_answer_of_nested_macros_is_checked_in_reasonable_time():
    lines = [f"assign w{i} = `ADD(`ADD(`ADD(a, b), `ADD(b, a)), {i});" for i in range(20000)]
    code = "`define ADD(x, y) ((x) + (y))\n" + module("logic [7:0] a, b;\n" + "\n".join(lines))
    assert len(code) > 1_000_000
    started = time.monotonic()
    assert found(code) == []
    assert time.monotonic() - started < 60


def test_nesting_deeper_than_the_parser_allows_is_a_finding_and_still_scanned():
    code = module("initial o = " + "(" * 5000 + '$fopen("x")' + ")" * 5000 + ";")
    findings = found(code)
    assert "the parser's limits (nesting too deep) (line 1)" in findings and "$fopen (line 2)" in findings


def test_findings_are_capped():
    assert len(forbidden_constructs(module("\n".join(f'initial $fopen("{i}");' for i in range(200))))) == MAX_FINDINGS


def test_garbage_never_raises():
    generator = random.Random(17)
    pieces = ["`define", "`ifdef", "`include", "`", "``", '"', "\\", "$fopen", "(", ")", "[", "{", "module", "m",
              ".", "::", ";", "endmodule", "\n", "\x00", "\ud800", "é", "/*", "*/", "//", "begin", "end", "tb"]
    for _ in range(60):
        text = "".join(generator.choice(pieces) + generator.choice(["", " "]) for _ in range(generator.randrange(400)))
        assert isinstance(forbidden_constructs(text), list)
    for _ in range(5):
        noise = "".join(chr(generator.randrange(0, 0x11000)) for _ in range(5000))
        assert isinstance(forbidden_constructs(noise), list)


# -- no regression: every reference the project ships is clean ------------------------------------

def _references() -> list[tuple[str, str, dict]]:
    references = []
    for suite in ("accel", "assert"):
        for task in load_suite(PROJECT_ROOT / "benchmarks" / suite).tasks:
            config = task.config
            rules = {"data_files": [Path(name).name for name in config.support_files],
                     "text_verdict": config.testbench.kind == "hdl"}
            references.append((f"{suite}/{task.id}", task.reference_text(), rules))
    for path in sorted((PROJECT_ROOT / "rtl_templates").glob("*/*.sv")):
        references.append((str(path.relative_to(PROJECT_ROOT)), path.read_text(), {}))
    for path in sorted((PROJECT_ROOT / "datasets" / "seed" / "sources").glob("*.*v")):
        rules = {} if path.stem.endswith("_tb") else {"text_verdict": True}
        references.append((str(path.relative_to(PROJECT_ROOT)), path.read_text(), rules))
    fixtures = PROJECT_ROOT / "tests" / "fixtures"
    for path in [*sorted(fixtures.glob("verilog_eval*/**/*_ref.sv")), *sorted(fixtures.glob("rtllm/**/verified_*.v"))]:
        references.append((str(path.relative_to(PROJECT_ROOT)), path.read_text(), {"text_verdict": True}))
    return references


def test_no_shipped_reference_has_a_finding():
    references = _references()
    assert len(references) > 100
    flagged = {name: found(code, **rules) for name, code, rules in references}
    assert {name: findings for name, findings in flagged.items() if findings} == {}
