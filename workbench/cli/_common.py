"""What every command shares: the consoles, common options, usage errors and argument readers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from workbench.errors import WorkbenchError
from workbench.sim import SIMULATORS

out = Console()
err = Console(stderr=True)

SimOption = Annotated[list[str] | None, typer.Option("--sim", "-s", help="icarus, verilator or all (repeatable)")]
JsonOption = Annotated[bool, typer.Option("--json", help="print one JSON object on stdout")]


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


def read_candidate(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError as problem:
        raise UsageError(f"{path}: cannot read the candidate ({problem.strerror})") from None
