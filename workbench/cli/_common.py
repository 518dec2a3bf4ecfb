"""What every command shares: the consoles, common options, usage errors and argument readers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

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

SimOption = Annotated[list[str] | None, typer.Option("--sim", "-s", help="icarus, verilator or all (repeatable)")]
JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON document on stdout (progress and notes "
                                                         "stay on stderr)")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress on stderr")]


class UsageError(WorkbenchError):
    """A wrong flag or argument value."""


def simulators(requested: list[str] | None) -> list[str]:
    """The simulators a --sim option names (``all``: every one), in order, without repeats."""
    names: list[str] = []
    for name in requested or ["icarus"]:
        for one in (list(SIMULATORS) if name == "all" else [name]):
            if one not in SIMULATORS:
                raise UsageError(f"unknown simulator '{one}'; choose from: {', '.join(SIMULATORS)}, all")
            if one not in names:
                names.append(one)
    return names


def response_cache_path() -> Path:
    """The response cache every command that asks a model reads and writes."""
    return cache_dir() / "responses.sqlite"


def read_candidate(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError as problem:
        raise UsageError(f"{path}: cannot read the candidate ({problem.strerror})") from None
