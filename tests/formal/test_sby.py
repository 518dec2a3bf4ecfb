"""Output-difference checks between a design and a variant of it (Yosys SAT, bounded)."""

from __future__ import annotations

import shutil

from workbench.formal.sby import outputs_differ

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
    assert difference.infra is None  # the tools work (a known-good job proves it): the variant's fault


def test_a_design_that_makes_sby_fail_is_not_the_harness_failing(tmp_path):
    from workbench.formal.sby import run_sby

    loud = 'module m(input clk);\n// No space left on device\nwire x = ;\nendmodule\n'
    outcome = run_sby({"m.sv": loud}, "m", tmp_path / "sby", depth=2)
    assert outcome.verdict == "error" and outcome.infra is None


def test_missing_tools_are_the_harness_failing(tmp_path, monkeypatch):
    import workbench.formal.sby as formal

    monkeypatch.setattr(shutil, "which", lambda name, path=None: None)  # no tool is found anywhere
    outcome = formal.run_sby({"m.sv": "module m(input clk);\nendmodule\n"}, "m", tmp_path / "sby", depth=2)
    assert outcome.verdict == "error" and "yowasp-sby" in outcome.infra
    assert formal.outputs_differ(COUNTER, COUNTER, "counter", tmp_path / "differ").infra


def test_the_tools_run_with_their_read_only_cache_in_the_sandbox(tmp_path):
    from workbench.formal.sby import canary_problem

    assert canary_problem() is None
