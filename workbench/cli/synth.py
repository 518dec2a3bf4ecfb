"""``rtlwb synth``: the synthesis figures of one design (docs/synthesis.md)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, UsageError, out, read_input
from workbench.synth import DesignFile, SynthFigures, synthesize


def _parameters(values: list[str] | None) -> list[str] | None:
    """-p NAME=VALUE, checked while the flags are read (the value's form is checked by synthesize)."""
    for value in values or ():
        name, equals, setting = value.partition("=")
        if not equals or not name.strip() or not setting.strip():
            raise typer.BadParameter(f"'{value}' is not NAME=VALUE")
    return values


def synth_command(
    design: Annotated[list[Path], typer.Argument(help="the design's Verilog/SystemVerilog files, in reading order")],
    top: Annotated[str, typer.Option("--top", "-t", help="the top module")],
    parameter: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="a parameter of the top, NAME=VALUE (repeatable)", callback=_parameters)] = None,
    library: Annotated[Path | None, typer.Option(
        "--lib", help="a Liberty (.lib) standard-cell library: adds the design mapped onto its cells and their area")]
    = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Yosys's time limit in seconds")] = 60.0,
    as_json: JsonOption = False,
) -> None:
    """Synthesis figures of one design: cells, flip-flops, AIG nodes and levels, LUT-6 count and depth."""
    files = [DesignFile(name=path.name, text=read_input(path, "design")) for path in design]
    parameters = dict(value.partition("=")[::2] for value in parameter or ())
    with tempfile.TemporaryDirectory(prefix="rtlwb-synth-") as folder:
        figures = synthesize(files, top, Path(folder), parameters=parameters, library=library, timeout_s=timeout)
    if figures.status != "ok":
        raise UsageError(f"{', '.join(map(str, design))}: {figures.status}: {figures.reason}")
    if as_json:
        print(figures.model_dump_json(indent=2))
        return
    _show(figures)


def _show(figures: SynthFigures) -> None:
    table = Table("figure", "value", title=f"{escape(figures.top)}: synthesis figures")
    rows = [("cells (Yosys gates)", figures.cell_count), ("flip-flops (bits)", figures.flip_flops),
            ("latches (bits)", figures.latches), ("AIG nodes", figures.aig_nodes), ("AIG levels", figures.aig_levels),
            ("LUT-6", figures.luts), ("LUT-6 depth", figures.lut_depth),
            ("transistors (CMOS estimate)", figures.transistors)]
    if figures.library is not None and figures.recipe is not None and figures.recipe.library is not None:
        rows += [(f"{figures.recipe.library.name} cells", figures.library.cell_count),
                 (f"{figures.recipe.library.name} area", f"{figures.library.area:g}")]
    for name, value in rows:
        table.add_row(name, str(value))
    out.print(table)
    out.print("cells by type: " + escape(", ".join(f"{kind} {count}" for kind, count in figures.cells.items())))
    if figures.recipe is not None:
        out.print(f"recipe: {escape(figures.recipe.yosys_version)}, design sha256 {figures.recipe.design_sha256[:12]}"
                  f" (--json holds the Yosys and ABC scripts); {figures.seconds:g} s")
