"""``rtlwb doctor``: every tool's version, and whether it really builds and simulates."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, out
from workbench.cli._progress import Progress
from workbench.eval.toolchain import ToolCheck, all_required_ok, run_checks


def doctor(as_json: JsonOption = False, quiet: QuietOption = False) -> None:
    """Check every tool: its version and whether it really builds and simulates."""
    with Progress(enabled=not quiet) as progress:
        progress.note("checking the toolchain (the first Yosys run compiles for ~40 s)")
        track = progress.add("checking tools")

        def checked(check: ToolCheck) -> None:
            progress.advance(track, status=f"{check.name} {'ok' if check.ok else 'missing'}")

        checks = run_checks(on_start=lambda total: progress.set_total(track, total), on_check=checked)
    if as_json:
        print(json.dumps({"ok": all_required_ok(checks), "checks": [asdict(c) for c in checks]}, indent=2))
    else:
        table = Table("tool", "version", "status", "detail / fix")
        for check in checks:
            missing = "[red]MISSING[/red]" if check.required else "[yellow]missing[/yellow]"
            detail = check.detail if check.ok else check.hint or check.detail
            status = "[green]ok[/green]" if check.ok else missing
            table.add_row(check.name, escape(check.version), status, escape(detail))
        out.print(table)
        out.print("required tools ok" if all_required_ok(checks) else "[red]a required tool is missing[/red]")
    raise typer.Exit(0 if all_required_ok(checks) else 1)
