"""`rtlwb import ...`: public benchmark formats into the workbench's own."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from workbench.hls import load_hls_suite, toolchain_problem
from workbench.importers import import_chrysalis

import_app = typer.Typer(help="Import public benchmark formats.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


@import_app.command("chrysalis")
def chrysalis(
    specifications: Annotated[list[Path], typer.Argument(help="bug_<TYPE>.txt files (Chrysalis JSON)")],
    kernel: Annotated[Path, typer.Option("--kernel", help="your kernel folder (kernel.toml, source, header, "
                                         "testbench, driver; see docs/hls-tasks.md)")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Apply Chrysalis-style bug specifications to your kernel: keep the bugs that apply and that its
    testbench (or the static pragma checker) catches, as bugs/ of the kernel; report the rest."""
    problem = toolchain_problem()
    if problem:
        err.print(f"[red]error:[/red] {escape(problem)}")
        raise typer.Exit(2)
    suite = load_hls_suite(kernel.resolve().parent)
    found = next((k for k in suite.kernels if k.folder == kernel.resolve()), None)
    if found is None:
        reasons = "; ".join(suite.problems) or f"no kernel.toml in {kernel}"
        err.print(f"[red]error:[/red] {escape(reasons)}")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory(prefix="rtlwb-import-") as folder:
        report = import_chrysalis(found, specifications, Path(folder))
    if as_json:
        print(json.dumps({"kernel": report.kernel, "kept": report.kept,
                          "outcomes": [asdict(o) for o in report.outcomes]}, indent=2))
    else:
        table = Table("specification", "kept", "bug", "why", title=f"Chrysalis bugs on kernel {report.kernel}")
        for outcome in report.outcomes:
            table.add_row(escape(Path(outcome.specification).name), "yes" if outcome.kept else "no",
                          outcome.bug_id or "-", escape(outcome.reason))
        out.print(table)
        out.print(f"kept {report.kept} of {len(report.outcomes)}")
    raise typer.Exit(0)
