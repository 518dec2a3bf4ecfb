"""The template library: loading, instantiation, and every block proven on its parameterizations."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score
from workbench.solver.templates import TemplateError, _evaluate_width, load_library, load_template
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
    assert _evaluate_width(width, {"WIDTH": 16, "DEPTH": 8, "N": 4}, "b") == expected


def test_width_expressions_reject_other_syntax():
    with pytest.raises(TemplateError, match="unsupported syntax"):
        _evaluate_width("__import__('os')", {}, "b")


LOADED = load_library()
LIBRARY = LOADED.templates


def test_library_loads_without_malformed_blocks():
    assert not LOADED.problems, "\n".join(LOADED.problems)


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
