"""The template library: loading, instantiation, and every block proven on its parameterizations."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score
from workbench.solver.templates import TemplateError, _evaluate, load_library, load_template
from workbench.task.format import TaskFormatError

BLOCK_TOML = """
name = "invert_bus"
summary = "bitwise inverter"
category = "compute"

[[parameters]]
name = "WIDTH"
default = 4
min = 2
max = 64

[[ports]]
name = "a"
direction = "input"
width = "WIDTH"

[[ports]]
name = "y"
direction = "output"
width = "WIDTH"

[[test_configs]]
parameters = { WIDTH = 4 }

[[test_configs]]
parameters = { WIDTH = 13 }
"""
BLOCK_SV = """module invert_bus #(
    parameter int WIDTH = 4
) (
    input  logic [WIDTH-1:0] a,
    output logic [WIDTH-1:0] y
);
    assign y = ~a;
endmodule
"""
BLOCK_TEST = """import cocotb
from workbench.tb import read_int, rng, settle


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def inverts(dut):
    width = int(dut.WIDTH.value)
    generator = rng()
    for value in [0, (1 << width) - 1, *(generator.getrandbits(width) for _ in range(20))]:
        dut.a.value = value
        await settle()
        assert read_int(dut.y) == value ^ ((1 << width) - 1)
"""


def make_block(root: Path, rtl: str = BLOCK_SV) -> Path:
    folder = root / "invert_bus"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(BLOCK_TOML)
    (folder / "description.md").write_text(
        "# invert_bus\n\n## Summary\nInverts.\n\n## Description\nEvery bit of y is NOT a.\n")
    (folder / "invert_bus.sv").write_text(rtl)
    (folder / "test_invert_bus.py").write_text(BLOCK_TEST)
    return folder


def test_instantiate_rewrites_defaults_and_checks_ranges(tmp_path):
    template = load_template(make_block(tmp_path))
    assert "parameter int WIDTH = 9" in template.instantiate({"WIDTH": 9})
    assert template.as_task({"WIDTH": 9}).config.port("y").width == 9
    with pytest.raises(TemplateError, match=r"WIDTH=99 is outside \[2, 64\]"):
        template.instantiate({"WIDTH": 99})
    with pytest.raises(TemplateError, match="no parameter 'DEPTH'"):
        template.instantiate({"DEPTH": 2})


def test_instantiate_replaces_a_default_expression_whole(tmp_path):
    # sync_fifo's ALMOST_FULL defaults to `DEPTH - 2`: rewriting only `DEPTH` gave `6 - 2` for 6.
    rtl = load_template(make_block(tmp_path, BLOCK_SV.replace(
        "parameter int WIDTH = 4", "parameter int WIDTH = $clog2(16) * 2 - 6 / 3"))).instantiate({"WIDTH": 6})
    assert "parameter int WIDTH = 6\n) (" in rtl


def test_check_scores_every_parameterization(tmp_path):
    template = load_template(make_block(tmp_path))
    results = template.check("icarus")
    assert [params for params, _ in results] == [{"WIDTH": 4}, {"WIDTH": 13}]
    assert all(result.status == Status.PASS for _, result in results)


def test_a_broken_block_fails_its_check(tmp_path):
    template = load_template(make_block(tmp_path, BLOCK_SV.replace("~a", "{~a[WIDTH-1:1], a[0]}")))
    assert all(result.status == Status.FAIL_FUNCTIONAL for _, result in template.check("icarus"))


def test_malformed_template_names_file_and_field(tmp_path):
    folder = make_block(tmp_path)
    (folder / "template.toml").write_text(BLOCK_TOML.replace('category = "compute"', 'category = "magic"'))
    with pytest.raises(TaskFormatError, match=r"template\.toml: field 'category'"):
        load_template(folder)


@pytest.mark.parametrize(("width", "expected"), [(8, 8), ("WIDTH", 16), ("2*WIDTH+1", 33), ("$clog2(DEPTH+1)", 4),
                                                 ("N*WIDTH", 64), ("$clog2(DEPTH)", 3)])
def test_width_expressions(width, expected):
    assert _evaluate(width, {"WIDTH": 16, "DEPTH": 8, "N": 4}, "b") == expected


def test_width_expressions_reject_other_syntax():
    with pytest.raises(TemplateError, match="unsupported syntax"):
        _evaluate("__import__('os')", {}, "b")


RULED_TOML = BLOCK_TOML.replace("""[[ports]]
name = "a\"""", """[[parameters]]
name = "LANES"
default = 2
min = 1
max = 16
power_of_two = true
at_most = "WIDTH"

[[parameters]]
name = "GROUP"
default = 4
multiple_of = "LANES"
at_least = "LANES+1"

[[ports]]
name = "a\"""", 1)


def _ruled_block(tmp_path: Path, toml: str = RULED_TOML) -> Path:
    folder = make_block(tmp_path)
    (folder / "template.toml").write_text(toml)
    parameters = "parameter int WIDTH = 4,\n    parameter int LANES = 2,\n    parameter int GROUP = 4"
    (folder / "invert_bus.sv").write_text(BLOCK_SV.replace("parameter int WIDTH = 4", parameters))
    return folder


@pytest.mark.parametrize(("overrides", "problem"), [
    ({"LANES": 3}, r"LANES=3 must be a power of two"),
    ({"LANES": 8}, r"LANES=8 must be <= WIDTH \(= 4 here\)"),
    ({"GROUP": 5}, r"GROUP=5 must be a multiple of LANES \(= 2 here\)"),
    ({"GROUP": 2}, r"GROUP=2 must be >= LANES\+1 \(= 3 here\)"),
    ({"LANES": 4, "WIDTH": 8}, r"GROUP=4 must be >= LANES\+1 \(= 5 here\); 4 is its default, so give GROUP a value"),
    ({"LANES": 32}, r"LANES=32 is outside \[1, 16\]"),
])
def test_instantiation_checks_the_declared_rules(tmp_path, overrides, problem):
    template = load_template(_ruled_block(tmp_path))
    assert [p.rules() for p in template.config.parameters] == [[], ["a power of two", "<= WIDTH"],
                                                               ["a multiple of LANES", ">= LANES+1"]]
    with pytest.raises(TemplateError, match=f"^invert_bus: {problem}"):
        template.instantiate(overrides)
    instance = template.instantiate({"LANES": 4, "WIDTH": 8, "GROUP": 8})
    assert "parameter int LANES = 4,\n    parameter int GROUP = 8" in instance


@pytest.mark.parametrize(("edit", "problem"), [
    (("parameters = { WIDTH = 13 }", "parameters = { WIDTH = 13, LANES = 3 }"),
     r"test_configs \{'WIDTH': 13, 'LANES': 3\}: LANES=3 must be a power of two"),
    (("default = 4\nmultiple_of", "default = 3\nmultiple_of"), "the defaults: GROUP=3 must be a multiple of LANES"),
    (('at_most = "WIDTH"', 'at_most = "DEPTH"'), "cannot evaluate 'DEPTH'"),
])
def test_a_block_whose_own_parameterizations_break_its_rules_is_malformed(tmp_path, edit, problem):
    toml = RULED_TOML.replace(*edit)
    assert toml != RULED_TOML
    with pytest.raises(TaskFormatError, match=problem):
        load_template(_ruled_block(tmp_path, toml))


LOADED = load_library()
LIBRARY = LOADED.templates


def test_library_loads_without_malformed_blocks():
    assert not LOADED.problems, "\n".join(LOADED.problems)


# The rules beyond the ranges that the blocks' descriptions state (rtl_templates/*/description.md,
# all 20 read); the others state none ("a power of two is natural", with padding, is advice).
STATED_RULES = {
    "async_fifo": {"DEPTH": ["a power of two"]},
    "axis_width_converter": {"IN_WIDTH": ["a multiple of 8"]},
    "exp_lut": {"IN_FRAC": ["<= IN_WIDTH-1"]},
    "gemm_addr_gen": {"M": ["a multiple of TILE"], "N": ["a multiple of TILE"]},
    "sync_fifo": {"DEPTH": ["a power of two"], "ALMOST_FULL": ["<= DEPTH"]},
}


def test_library_declares_the_rules_its_descriptions_state():
    declared = {t.name: {p.name: p.rules() for p in t.config.parameters if p.rules()} for t in LIBRARY}
    assert {name: rules for name, rules in declared.items() if rules} == STATED_RULES
    assert len(LIBRARY) == 20


def test_every_parameterization_that_templates_check_runs_keeps_the_rules():
    for template in LIBRARY:
        for config in template.config.test_configs:
            values = template.resolve(config.parameters)  # raises on a broken rule
            assert [p.violation(values, template.name) for p in template.config.parameters] == \
                [None] * len(template.config.parameters), (template.name, config.parameters)


def test_library_has_blocks_with_two_parameterizations_each():
    for template in LIBRARY:
        assert len(template.config.test_configs) >= 2, template.name
        assert all(related in {t.name for t in LIBRARY} for related in template.config.related), template.name


@pytest.mark.slow
@pytest.mark.parametrize("sim", ["icarus", "verilator"])
@pytest.mark.parametrize("template", LIBRARY, ids=lambda t: t.name)
def test_library_block_passes_on_every_parameterization(template, sim):
    for parameters, result in template.check(sim):
        assert result.status == Status.PASS, f"{parameters}: {result.summary()}\n{result.diagnostics}"


CHISEL_TWINS = [template for template in LIBRARY if template.has_chisel]


def test_at_least_eight_blocks_have_a_chisel_twin():
    assert len(CHISEL_TWINS) >= 8, [t.name for t in CHISEL_TWINS]


@pytest.mark.slow
@pytest.mark.parametrize("template", CHISEL_TWINS, ids=lambda t: t.name)
def test_chisel_twin_passes_on_every_parameterization(template):
    for parameters, result in template.check("icarus", "chisel"):
        assert result.status == Status.PASS, f"{parameters}: {result.summary()}\n{result.diagnostics}"


@pytest.mark.slow
@pytest.mark.parametrize("template", CHISEL_TWINS, ids=lambda t: t.name)
def test_chisel_twin_passes_on_verilator(template):
    # firtool's output is plain Verilog: one parameterization per block shows the wrapper and
    # harness work on Verilator too (`rtlwb templates check --lang chisel --sim verilator` runs all).
    parameters = template.config.test_configs[0].parameters
    result = score(template.as_task(parameters), template.instantiate(parameters, "chisel"), "verilator",
                   ScoreOptions(language="chisel"))
    assert result.status == Status.PASS, f"{parameters}: {result.summary()}\n{result.diagnostics}"


def test_chisel_instantiation_rewrites_constructor_defaults():
    from workbench.solver.templates import find_template

    text = find_template("mac").instantiate({"A_WIDTH": 12}, "chisel")
    assert "class Mac(A_WIDTH: Int = 12, B_WIDTH: Int = 8, ACC_WIDTH: Int = 32)" in text


def test_an_instance_becomes_a_standalone_task_that_its_reference_passes(tmp_path):
    from workbench.solver.templates import find_template

    template = find_template("sync_fifo")
    task = template.write_task(tmp_path / "mine" / "fifo_4x12", {"DEPTH": 4, "WIDTH": 12, "ALMOST_FULL": 3})
    assert task.id == "fifo_4x12" and task.suite == "mine"
    assert task.config.port("wr_data").width == 12
    assert {p.name: p.default for p in task.config.parameters}["DEPTH"] == 4
    assert "This instance: WIDTH = 12, DEPTH = 4, ALMOST_FULL = 3." in (task.folder / "spec.md").read_text()
    assert score(task, task.reference_text(), "icarus").status == Status.PASS
    with pytest.raises(TemplateError, match="not usable as a task folder"):
        template.write_task(tmp_path / "Bad Name", {})
