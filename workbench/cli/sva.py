"""``rtlwb sva check``: the open formal judge on your own design and properties."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, UsageError, err, out
from workbench.cli._progress import Progress
from workbench.formal.judge import AssertionVerdict, JudgeReport, SourceFiles, judge, syntax_errors
from workbench.formal.sby import SOLVERS
from workbench.hdl.interface import DesignOutline, outline_design
from workbench.hdl.reset import reset_inputs, reset_named
from workbench.sandbox import isolation
from workbench.task.format import Reset

sva_app = typer.Typer(help="The open formal judge for SystemVerilog assertions.", no_args_is_help=True)

_COLOURS = {"proven": "green", "cex": "red", "vacuous": "yellow", "unknown": "yellow", "unsupported": "magenta"}


@dataclass(frozen=True)
class _Setup:
    """What the properties are judged in: the top module and the reset formal runs start in."""

    top: str
    reset: Reset | None
    reset_inferred: bool  # the reset's name was read from the design, not given
    warning: str = ""

    def describe(self) -> str:
        if self.reset is None:
            return f"top {self.top}, no reset: formal runs start in any state"
        level = "low" if self.reset.active_low else "high"
        found = "found in the design; --reset, --active-low/--active-high or --no-reset to change" \
            if self.reset_inferred else "--reset"
        return f"top {self.top}, reset {self.reset.name} active {level} ({found})"

    def record(self) -> dict:
        reset = self.reset.model_dump() | {"inferred": self.reset_inferred} if self.reset else None
        return {"top": self.top, "reset": reset, "warnings": [self.warning] if self.warning else []}


@sva_app.command("check")
def sva_check(
    design: Annotated[Path, typer.Option("--design", help="the design (SystemVerilog)")],
    props: Annotated[Path, typer.Option("--props", help="assert property statements, one or more")],
    top: Annotated[str | None, typer.Option("--top", help="the module the properties belong to; default: the "
                                            "design's only module that no other instantiates")] = None,
    reset: Annotated[str | None, typer.Option("--reset", help="reset input: formal runs start in reset; default: "
                                              "the input named like a reset (rst, rst_n, reset, ...)")] = None,
    no_reset: Annotated[bool, typer.Option("--no-reset", help="start formal runs in any state")] = False,
    active_low: Annotated[bool | None, typer.Option("--active-low/--active-high", help="reset polarity; default: "
                                                    "read from the design (negedge rst, else a name like rst_n)")
                          ] = None,
    depth: Annotated[int, typer.Option(help="induction and cover depth (cycles)", min=1)] = 20,
    solver: Annotated[str, typer.Option(help="yices (fast) or z3")] = "yices",
    keep: Annotated[Path | None, typer.Option("--keep", help="keep the sby folders (traces) here")] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Per assertion: proven, cex (with a trace), unknown, vacuous, unsupported, or a syntax error."""
    if solver not in SOLVERS:
        raise UsageError(f"--solver {solver}: unknown solver (choose one of: {', '.join(SOLVERS)})")
    if reset is not None and no_reset:
        raise UsageError("--reset and --no-reset exclude each other")
    isolation()
    design_text, properties = _read(design, "--design"), _read(props, "--props")
    setup = _setup(design, design_text, top, reset, not no_reset, active_low)
    if setup.warning:
        err.print(f"[yellow]warning:[/yellow] {escape(setup.warning)}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = keep or Path(scratch)
        with Progress(enabled=not quiet) as progress:
            track = progress.add(f"judging {design.name}")
            counts: Counter[str] = Counter()

            def judged(verdict: AssertionVerdict) -> None:
                counts[verdict.verdict] += 1
                progress.advance(track, status=", ".join(f"{n} {name}" for name, n in counts.most_common()))

            try:
                report = judge(design_text, setup.top, properties, folder, setup.reset, depth, solver,
                               on_start=lambda total: progress.set_total(track, total), on_verdict=judged,
                               files=SourceFiles(str(design), str(props)))
            except ValueError as problem:  # --top names a design unit that is not a module (an interface)
                raise UsageError(f"--top {setup.top}: not a module of {design} ({problem})") from None
        if as_json:
            print(json.dumps({"problem": report.problem, **setup.record(),
                              "judge": "open (Yosys/SymbiYosys); not comparable to commercial formal tools",
                              "assertions": [_record(v) for v in report.verdicts]}, indent=2))
        else:
            _print(report, setup, keep is not None)
    raise typer.Exit(0 if not report.problem and all(v.verdict == "proven" for v in report.verdicts) else 1)


def _read(path: Path, flag: str) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError as problem:
        raise UsageError(f"{flag} {path}: cannot read it ({problem.strerror or problem})") from None


def _setup(design: Path, text: str, top: str | None, reset: str | None, infer_reset: bool,
           active_low: bool | None) -> _Setup:
    """The top module (``top``, else the design's only top-level module) and the reset (``reset``,
    else with ``infer_reset`` the input named like one), with the polarity ``active_low`` if given."""
    outline = outline_design(text, top)
    if outline is None:
        raise UsageError(f"{syntax_errors(text, str(design)) or design} (the design does not parse)")
    module = _top(design, outline, top)
    inputs = [port.name for port in outline.ports if port.direction == "input"]
    chosen: Reset | None = None
    inferred, warning = False, ""
    if reset is not None:
        if outline.top is not None and reset not in inputs:  # (a --top that is not a top module: ports unknown)
            raise UsageError(f"--reset {reset}: not an input of {module} (its inputs: {', '.join(inputs) or 'none'})")
        chosen = reset_named(text, reset)
    elif infer_reset:
        chosen, warning = _inferred_reset(design, text, module, reset_inputs(outline.ports))
        inferred = chosen is not None
    if chosen is not None and active_low is not None:
        chosen = chosen.model_copy(update={"active_low": active_low})
    return _Setup(module, chosen, inferred, warning)


def _top(design: Path, outline: DesignOutline, top: str | None) -> str:
    if top is not None:
        if top not in outline.modules:
            raise UsageError(f"--top {top}: no such module in {design} (its modules: "
                             f"{', '.join(outline.modules) or 'none'})")
        return top
    if len(outline.tops) != 1:
        found = f"{len(outline.tops)} top-level modules ({', '.join(outline.tops)})" if outline.tops else "no module"
        raise UsageError(f"{design}: {found}: name the one the properties belong to with --top")
    return outline.tops[0]


def _inferred_reset(design: Path, text: str, top: str, candidates: list[str]) -> tuple[Reset | None, str]:
    """The reset named like one (and a warning when there is none)."""
    if len(candidates) > 1:
        raise UsageError(f"{design}: the inputs {', '.join(candidates)} of {top} are all named like a reset: "
                         "name the one formal runs start in with --reset (or --no-reset)")
    if not candidates:
        return None, (f"{design}: no input of {top} is named like a reset (rst, rst_n, reset, ...): formal runs "
                      "start in any state, so properties may fail from states no reset reaches; name the reset "
                      "with --reset, or say --no-reset")
    return reset_named(text, candidates[0]), ""


def _record(verdict: AssertionVerdict) -> dict:
    """An assertion's verdict in the JSON of every command: its ``status``."""
    return {"status": verdict.verdict, **{key: value for key, value in asdict(verdict).items() if key != "verdict"}}


def _print(report: JudgeReport, setup: _Setup, traces_kept: bool) -> None:
    out.print(escape(setup.describe()))
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
