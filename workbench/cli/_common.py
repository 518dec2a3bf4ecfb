"""What every command shares: the consoles, common options, usage errors and argument readers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from workbench._paths import cache_dir
from workbench.errors import WorkbenchError
from workbench.sim import SIMULATORS

PIPED_WIDTH = 10_000  # "never wrap": a pipe or a file has no width, and a cut id or a wrapped row breaks grep


def _console(stderr: bool) -> Console:
    """A console as wide as its terminal; on a pipe or a file, lines and table cells are never
    wrapped or cut (``rtlwb tasks list | cat`` shows whole task ids)."""
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console.width = PIPED_WIDTH
        console.soft_wrap = True
    return console


out = _console(stderr=False)
err = _console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON document on stdout (progress and notes "
                                                         "stay on stderr)")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")]


class UsageError(WorkbenchError):
    """A wrong flag or argument value."""


def one_simulator(name: str | None) -> str | None:
    """A --sim option naming one simulator, checked while the flags are read (before any work)."""
    if name is not None and name not in SIMULATORS:
        raise typer.BadParameter(f"unknown simulator '{name}'; choose from: {', '.join(SIMULATORS)}")
    return name


def simulator_names(names: list[str] | None) -> list[str] | None:
    """A repeatable --sim option (``all`` allowed), checked while the flags are read."""
    for name in names or ():
        if name != "all" and name not in SIMULATORS:
            raise typer.BadParameter(f"unknown simulator '{name}'; choose from: {', '.join(SIMULATORS)}, all")
    return names


SimOption = Annotated[list[str] | None, typer.Option("--sim", "-s", help="icarus, verilator or all (repeatable)",
                                                     callback=simulator_names)]


def simulators(requested: list[str] | None) -> list[str]:
    """The simulators a --sim option names (``all``: every one), in order, without repeats."""
    names: list[str] = []
    for name in simulator_names(requested) or ["icarus"]:
        for one in (list(SIMULATORS) if name == "all" else [name]):
            if one not in names:
                names.append(one)
    return names


def print_malformed(problems: Iterable[object], label: str = "malformed task") -> int:
    """One line per malformed task on stderr (its file and what is wrong); how many there were."""
    count = 0
    for problem in problems:
        err.print(f"[red]{label}:[/red] {escape(str(problem))}")
        count += 1
    return count


def response_cache_path() -> Path:
    """The response cache every command that asks a model reads and writes."""
    return cache_dir() / "responses.sqlite"


def read_input(path: Path, what: str = "candidate") -> str:
    """A text file the user names (an answer, a design, a query); undecodable bytes replaced."""
    try:
        return path.read_text(errors="replace")
    except OSError as problem:
        raise UsageError(f"{path}: cannot read the {what} ({problem.strerror})") from None
