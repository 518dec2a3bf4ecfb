"""Single-edit mutants of a design: every operator class, edits made at the tokens' own places,
stable ids, only mutants pyslang accepts, deterministic samples."""

from __future__ import annotations

import pytest
from pyslang import ast, syntax

from workbench.hdl.mutants import MutantSet, MutationError, MutationOperator, generate_mutants
from workbench.task.format import Reset
from workbench.task.suite import load_suite

COUNTER = """\
module counter (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       en,
    input  logic       up,
    input  logic signed [3:0] step,
    output logic [3:0] count,
    output logic       wrapped
);
    // the count moves by step when enabled
    logic [4:0] next;
    assign next = up ? count + step : count - step;
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            count <= 4'd0;
            wrapped <= 1'b0;
        end else if (en && !wrapped) begin
            count <= next[3:0];
            wrapped <= next[4] | (count == 4'hF);
        end else begin
            wrapped <= 1'b0;
        end
    end
endmodule
"""

DECODER = """\
module decoder (
    input  logic [1:0] sel,
    input  logic [7:0] a,
    input  logic [7:0] b,
    output logic [7:0] y,
    output logic       low
);
    always_comb begin
        case (sel)
            2'd0: y = a & b;
            2'd1: y = a ^ b;
            2'd2: y = ~a;
            default: y = $unsigned($signed(a) >>> 1);
        endcase
    end
    assign low = (a < b) || (a <= 8'd3) && |b;
endmodule
"""


def _descriptions(mutants: MutantSet, operator: MutationOperator) -> list[str]:
    return [m.description for m in mutants.mutants if m.operator == operator]


def _errors(text: str) -> list[str]:
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(text, "mutant.sv"))
    return [str(d.code) for d in compilation.getAllDiagnostics() if d.isError()]


@pytest.fixture(scope="module")
def counter() -> MutantSet:
    return generate_mutants(COUNTER, Reset(name="rst_n", active_low=True))


@pytest.fixture(scope="module")
def decoder() -> MutantSet:
    return generate_mutants(DECODER)


@pytest.mark.parametrize(("operator", "expected"), [
    (MutationOperator.ARITHMETIC, ["line 12: '+' -> '-'", "line 12: '-' -> '+'"]),
    (MutationOperator.LOGICAL, ["line 17: '&&' -> '||'", "line 17: '!' dropped"]),
    (MutationOperator.BITWISE, ["line 19: '|' -> '&'"]),
    (MutationOperator.RELATIONAL, ["line 19: '==' -> '!='"]),
    (MutationOperator.CONSTANT, ["line 19: 4'hF -> 4'h0", "line 19: 4'hF -> 4'hE", "line 19: 4'hF -> 4'h7",
                                 "line 18: 3 -> 4", "line 18: 3 -> 2"]),
    (MutationOperator.EDGE, ["line 13: 'posedge' -> 'negedge'"]),
    (MutationOperator.CONDITION, ["line 12: ternary branches swapped: 'count + step' <-> 'count - step'",
                                  "line 17: if condition negated: 'en && !wrapped' -> '!(en && !wrapped)'"]),
    (MutationOperator.BRANCH, ["line 17: else branch removed", "line 17: if (en && !wrapped) body removed"]),
    (MutationOperator.RESET, ["line 15: value of 'count' under reset 4'd0 -> '1",
                              "line 16: value of 'wrapped' under reset 1'b0 -> '1"]),
    (MutationOperator.SIGNEDNESS, ["line 6: 'signed' removed"]),
    (MutationOperator.WIDTH, ["line 11: width of 'next' [4:0] -> [3:0]"]),
])
def test_each_operator_class_on_a_counter(counter: MutantSet, operator: MutationOperator, expected: list[str]) -> None:
    found = _descriptions(counter, operator)
    assert set(expected) <= set(found), found


@pytest.mark.parametrize(("operator", "expected"), [
    (MutationOperator.BITWISE, ["line 10: '&' -> '|'", "line 11: '^' -> '|'", "line 12: '~' dropped",
                                "line 16: '|' -> '&'"]),
    (MutationOperator.RELATIONAL, ["line 16: '<' -> '<='", "line 16: '<' -> '>'", "line 16: '<=' -> '<'",
                                   "line 16: '<=' -> '>='"]),
    (MutationOperator.CASE, ["line 10: bodies of case items '2'd0' and '2'd1' swapped",
                             "line 11: bodies of case items '2'd1' and '2'd2' swapped",
                             "line 13: case default removed"]),
    (MutationOperator.SIGNEDNESS, ["line 13: $unsigned(...) dropped", "line 13: $signed(...) dropped"]),
    (MutationOperator.ARITHMETIC, ["line 13: '>>>' -> '>>'"]),
])
def test_each_operator_class_on_a_decoder(decoder: MutantSet, operator: MutationOperator, expected: list[str]) -> None:
    found = _descriptions(decoder, operator)
    assert set(expected) <= set(found), found


def test_the_edit_is_made_at_the_token_and_the_rest_of_the_text_is_kept(counter: MutantSet) -> None:
    edge = next(m for m in counter.mutants if m.operator == MutationOperator.EDGE)
    assert edge.source == COUNTER.replace("@(posedge clk)", "@(negedge clk)")
    swap = next(m for m in counter.mutants if m.description.endswith("ternary branches swapped: "
                                                                      "'count + step' <-> 'count - step'"))
    assert swap.source == COUNTER.replace("up ? count + step : count - step", "up ? count - step : count + step")
    negated = next(m for m in counter.mutants if "if condition negated: 'en" in m.description)
    assert negated.source == COUNTER.replace("if (en && !wrapped)", "if (!(en && !wrapped))")
    unsigned = next(m for m in counter.mutants if m.operator == MutationOperator.SIGNEDNESS)
    assert unsigned.source == COUNTER.replace("logic signed [3:0]", "logic [3:0]")
    for mutant in counter.mutants:  # comments and layout stay: only the edited lines change
        changed = [i for i, (a, b) in enumerate(zip(COUNTER.splitlines(), mutant.source.splitlines())) if a != b]
        assert "// the count moves by step when enabled" in mutant.source
        assert changed and changed[0] + 1 == mutant.line, mutant.description


def test_every_mutant_differs_parses_and_elaborates_on_the_accel_references() -> None:
    suite = load_suite("accel")
    operators: set[MutationOperator] = set()
    for task in suite.tasks:
        reference = task.reference_text()
        mutants = generate_mutants(reference, task.config.reset)
        assert mutants.mutants, task.id
        texts = [m.source for m in mutants.mutants]
        assert len(set(texts)) == len(texts), task.id
        ids = [m.id for m in mutants.mutants]
        assert len(set(ids)) == len(ids), task.id
        for mutant in mutants.mutants:
            assert mutant.source != reference
            assert _errors(mutant.source) == [], (task.id, mutant.description)
            assert mutant.description.startswith(f"line {mutant.line}: ")
        operators |= {m.operator for m in mutants.mutants}
    assert operators == set(MutationOperator)


def test_ids_are_stable_and_do_not_move_with_later_edits(counter: MutantSet) -> None:
    again = generate_mutants(COUNTER, Reset(name="rst_n", active_low=True))
    assert [m.id for m in again.mutants] == [m.id for m in counter.mutants]
    assert [m.source for m in again.mutants] == [m.source for m in counter.mutants]
    # a line added at the end leaves every id of the lines above as it was
    longer = generate_mutants(COUNTER.replace("endmodule", "    logic spare;\n    assign spare = en & up;\nendmodule"),
                              Reset(name="rst_n", active_low=True))
    assert {m.id for m in counter.mutants} < {m.id for m in longer.mutants}
    assert counter.mutants[0].id == "signedness-6-18-1"


def test_mutants_pyslang_rejects_are_dropped_and_duplicates_counted() -> None:
    design = ("module m(input logic [3:0] a, output logic [1:0] z);\n"
              "  localparam int N = 1;\n"
              "  assign z = {N{a[0]}};\n"
              "endmodule\n")
    mutants = generate_mutants(design)
    assert mutants.invalid == 1  # N = 0: a replication by zero is an error
    assert not any("N = 0" in m.source for m in mutants.mutants)
    # the reset value '0 -> '1 is also the constant edit '0 -> '1: one mutant, named by the reset
    registered = generate_mutants("module r(input logic clk, rst, output logic [3:0] q);\n"
                                  "  always_ff @(posedge clk) if (rst) q <= '0; else q <= q + 4'd1;\n"
                                  "endmodule\n")
    assert registered.duplicates == 1
    assert [m.description for m in registered.mutants if "'0 ->" in m.description] == [
        "line 2: value of 'q' under reset '0 -> '1"]


def test_declarations_parameters_loop_steps_and_macros_are_not_mutated() -> None:
    design = ("`define ONE 4'd1\n"
              "module m #(parameter int W = 4) (input logic [W-1:0] a, output logic [W-1:0] y);\n"
              "  always_comb begin\n"
              "    y = '0;\n"
              "    for (int i = 0; i < W; i = i + 1) y[i] = a[i] ^ `ONE;\n"
              "  end\n"
              "endmodule\n")
    mutants = generate_mutants(design)
    for mutant in mutants.mutants:
        assert mutant.source.startswith("`define ONE 4'd1\nmodule m #(parameter int W = 4) "
                                        "(input logic [W-1:0] a, output logic [W-1:0] y);\n")
        assert "i = i + 1)" in mutant.source
        assert "^ `ONE;" in mutant.source or "| `ONE;" in mutant.source
    assert "line 5: 0 -> 1" in [m.description for m in mutants.mutants]  # the loop's start may change


def test_reset_branch_follows_the_polarity_of_the_condition() -> None:
    design = ("module r(input logic clk, input logic rst, input logic d, output logic q, output logic p);\n"
              "  always_ff @(posedge clk) if (rst == 1'b0) q <= d; else q <= 1'b1;\n"
              "  always_ff @(posedge clk) if (rst) p <= 1'b0; else p <= d;\n"
              "endmodule\n")
    reset = _descriptions(generate_mutants(design, Reset(name="rst", active_low=False)), MutationOperator.RESET)
    assert reset == ["line 2: value of 'q' under reset 1'b1 -> '0", "line 3: value of 'p' under reset 1'b0 -> '1"]
    # without the task's reset, a signal named like one is taken for it
    assert _descriptions(generate_mutants(design), MutationOperator.RESET) == reset


def test_sample_is_a_deterministic_subset_in_source_order(counter: MutantSet) -> None:
    drawn = counter.sample(5, seed=3)
    assert len(drawn.mutants) == 5
    assert drawn.mutants == counter.sample(5, seed=3).mutants
    assert drawn.mutants != counter.sample(5, seed=4).mutants
    positions = [counter.mutants.index(m) for m in drawn.mutants]
    assert positions == sorted(positions)
    assert counter.sample(len(counter.mutants) + 10, seed=3).mutants == counter.mutants


def test_a_design_that_does_not_parse_has_no_mutants() -> None:
    with pytest.raises(MutationError, match="does not parse"):
        generate_mutants("module m(input a; endmodule")
