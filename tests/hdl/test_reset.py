"""A design's reset read from the design: which input, its level, and whether it is synchronous."""

from __future__ import annotations

from workbench.hdl.interface import outline_design
from workbench.hdl.reset import reset_inputs, reset_named

PORTS = """module m(input logic clk, input logic rst_n, input logic PRESETn, input logic reset_, input logic first,
         input logic rstn_extra, output logic rst);
endmodule
"""


def test_the_inputs_named_like_a_reset_are_found_and_outputs_are_not():
    outline = outline_design(PORTS)
    assert outline is not None
    assert reset_inputs(outline.ports) == ["rst_n", "PRESETn", "reset_"]


def test_the_level_comes_from_the_edge_a_sensitivity_list_waits_for_else_from_the_name():
    asynchronous = "always @(posedge clk or posedge rst_n) if (rst_n) q <= 0;"
    assert reset_named(asynchronous, "rst_n").model_dump() == {"name": "rst_n", "active_low": False,
                                                               "synchronous": False}
    assert reset_named("always @(posedge clk or negedge rst) if (!rst) q <= 0;", "rst").active_low
    synchronous = "always @(posedge clk) if (!x) q <= 0;"
    assert [(reset_named(synchronous, name).active_low, reset_named(synchronous, name).synchronous)
            for name in ("rst_n", "rstn", "rst_ni", "reset_", "rst", "reset")] == \
        [(True, True)] * 4 + [(False, True)] * 2
