"""``rtlwb sva check``: the open formal judge on your own design and properties."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, UsageError, out
from workbench.cli._progress import Progress
from workbench.formal.judge import AssertionVerdict, JudgeReport, judge
from workbench.sandbox import isolation
from workbench.task.format import Reset

sva_app = typer.Typer(help="The open formal judge for SystemVerilog assertions.", no_args_is_help=True)

_COLOURS = {"proven": "green", "cex": "red", "vacuous": "yellow", "unknown": "yellow", "unsupported": "magenta"}


@sva_app.command("check")
def sva_check(
    design: Annotated[Path, typer.Option("--design", help="the design (SystemVerilog)")],
    props: Annotated[Path, typer.Option("--props", help="assert property statements, one or more")],
    top: Annotated[str | None, typer.Option("--top", help="the module the properties belong to; default: the "
                                            "design's file name")] = None,
    reset: Annotated[str | None, typer.Option("--reset", help="reset signal: formal runs start in reset")] = None,
    active_low: Annotated[bool, typer.Option("--active-low/--active-high", help="reset polarity")] = True,
    depth: Annotated[int, typer.Option(help="induction and cover depth (cycles)")] = 20,
    solver: Annotated[str, typer.Option(help="yices (fast) or z3")] = "yices",
    keep: Annotated[Path | None, typer.Option("--keep", help="keep the sby folders (traces) here")] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Per assertion: proven, cex (with a trace), unknown, vacuous, unsupported, or a syntax error."""
    isolation()
    module = top or design.stem
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or Path(scratch)
        with Progress(enabled=not quiet) as progress:
            track = progress.add(f"judging {design.name}")
            counts: Counter[str] = Counter()

            def judged(verdict: AssertionVerdict) -> None:
                counts[verdict.verdict] += 1
                progress.advance(track, status=", ".join(f"{n} {name}" for name, n in counts.most_common()))

            try:
                report = judge(design.read_text(), module, props.read_text(), folder,
                               Reset(name=reset, active_low=active_low) if reset else None, depth, solver,
                               on_start=lambda total: progress.set_total(track, total), on_verdict=judged)
            except ValueError as problem:  # the module the properties belong to is not in the design
                raise UsageError(f"{design}: {problem} (name it with --top)") from None
        if as_json:
            print(json.dumps({"problem": report.problem, "judge": "open (Yosys/SymbiYosys); not comparable to "
                              "commercial formal tools", "assertions": [_record(v) for v in report.verdicts]},
                             indent=2))
        else:
            _print(report, keep is not None)
    raise typer.Exit(0 if not report.problem and all(v.verdict == "proven" for v in report.verdicts) else 1)


def _record(verdict: AssertionVerdict) -> dict:
    """An assertion's verdict in the JSON of every command: its ``status``."""
    return {"status": verdict.verdict, **{key: value for key, value in asdict(verdict).items() if key != "verdict"}}


def _print(report: JudgeReport, traces_kept: bool) -> None:
    if report.problem:
        out.print(f"[red]{escape(report.problem)}[/red]")
    table = Table("line", "assertion", "verdict", "detail")
    for verdict in report.verdicts:
        colour = _COLOURS.get(verdict.verdict, "red")
        detail = verdict.message + (f" (step {verdict.failing_step})" if verdict.failing_step is not None else "")
        if verdict.trace and traces_kept:
            detail += f"; trace: {verdict.trace}"
        table.add_row(str(verdict.line), escape(verdict.label), f"[{colour}]{verdict.verdict}[/{colour}]",
                      escape(detail))
    out.print(table)
    out.print("open judge (Yosys/SymbiYosys, smtbmc): verdicts are not comparable to commercial formal tools")
