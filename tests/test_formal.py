"""Output-difference checks between a design and a variant of it (Yosys SAT, bounded)."""

from __future__ import annotations

from workbench.formal import outputs_differ

COUNTER = """module counter(input clk, input rst_n, input en, output reg [2:0] q, output wrap);
  assign wrap = en && q == 3'd7;
  always @(posedge clk) if (!rst_n) q <= 3'd0; else if (en) q <= q + 3'd1;
endmodule
"""


def test_a_variant_that_raises_an_output_the_golden_design_keeps_low_differs(tmp_path):
    # The golden output is 0 where the variant's is 1: the direction a miter that ignores golden X
    # without modelling X would miss.
    variant = COUNTER.replace("assign wrap = en && q == 3'd7;", "assign wrap = en && q == 3'd6 || q == 3'd7 && en;")
    difference = outputs_differ(COUNTER, variant, "counter", tmp_path, "rst_n")
    assert difference.verdict == "different"
    assert difference.step is not None and difference.step >= 7  # reset, then six counts


def test_a_rewrite_with_the_same_behaviour_is_not_reported_as_different(tmp_path):
    rewrite = COUNTER.replace("q <= q + 3'd1;", "q <= q - 3'd7;")  # the same modulo 8
    difference = outputs_differ(COUNTER, rewrite, "counter", tmp_path, "rst_n", depth=12)
    assert difference.verdict == "same-within-depth"


def test_a_variant_that_does_not_build_is_an_error(tmp_path):
    difference = outputs_differ(COUNTER, COUNTER.replace("endmodule", "wire x = ;\nendmodule"), "counter", tmp_path,
                                "rst_n")
    assert difference.verdict == "error"
