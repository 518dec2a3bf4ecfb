"""``rtlwb tasks``: browse the suites' tasks, export their prompts, print the task format's schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, err, out, print_malformed
from workbench.task.format import SpecLevel, TaskFormatError, TaskKind, json_schema
from workbench.task.suite import Suite, UnknownTaskError, find_task, load_suite, suite_folders

tasks_app = typer.Typer(help="Browse benchmark tasks.", no_args_is_help=True)


@tasks_app.command("list")
def tasks_list(suite: Annotated[str | None, typer.Option(help="only this suite")] = None,
               as_json: JsonOption = False) -> None:
    """List tasks with kind, category and difficulty."""
    suites = [load_suite(suite)] if suite else [load_suite(name) for name in suite_folders()]
    rows = [t for s in suites for t in s.tasks]
    if as_json:
        print(json.dumps([{"suite": t.suite, "task_id": t.id, "kind": t.config.kind, "category": t.config.category,
                           "difficulty": t.config.difficulty, "top": t.config.top} for t in rows], indent=2))
        _exit_if_malformed(suites)
        return
    table = Table("suite", "id", "kind", "category", "difficulty", "simulators")
    for t in rows:
        runs_on = "g++" if t.config.kind == TaskKind.HLS_DEBUG else ",".join(t.config.simulators)
        table.add_row(t.suite, t.id, t.config.kind, t.config.category, t.config.difficulty, runs_on)
    out.print(table)
    _exit_if_malformed(suites)


def _exit_if_malformed(suites: list[Suite]) -> None:
    """After the good tasks are shown: name the malformed ones, and fail (a listing is also how a
    suite's author checks it loads)."""
    if print_malformed(problem for s in suites for problem in s.problems):
        raise typer.Exit(1)


@tasks_app.command("show")
def tasks_show(task_id: str,
               level: Annotated[SpecLevel, typer.Option(help="spec detail")] = SpecLevel.DETAILED,
               as_json: JsonOption = False) -> None:
    """Show a task's interface and specification."""
    task = find_task(task_id)
    c = task.config
    if as_json:
        print(json.dumps({"suite": task.suite, "task_id": task.id, "folder": str(task.folder), "level": level.value,
                          "spec": task.spec.text(level), "config": c.model_dump(mode="json", exclude={"id"}),
                          "nl_property": task.nl_property.model_dump() if task.nl_property else None}, indent=2))
        return
    out.print(f"[bold]{task.suite}/{task.id}[/bold]  {c.kind} · {c.category} · {c.difficulty}  top: {c.top}")
    if c.optimize is not None:
        out.print(f"goal: {c.optimize.goal}, at least {c.optimize.min_gain:.0%} better than the given design "
                  f"({c.optimize.given}), and equivalent to it")
    if c.ports:
        table = Table("port", "dir", "width", "signed", "description")
        for p in c.ports:
            table.add_row(p.name, p.direction, str(p.width), "yes" if p.signed else "", escape(p.description))
        out.print(table)
    if c.kind == TaskKind.HLS_DEBUG:
        out.print(f"bug: {', '.join(c.tags)} (buggy {task.folder / Path(c.reference).name})")
    if c.clock:
        out.print(f"clock {c.clock.name} ({c.clock.period_ns} ns, {c.clock.edge})")
    if c.reset:
        out.print(f"reset {c.reset.name} (active {'low' if c.reset.active_low else 'high'}, "
                  f"{'synchronous' if c.reset.synchronous else 'asynchronous'})")
    out.print()
    out.print(escape(task.spec.text(level)))


@tasks_app.command("export-prompts")
def tasks_export_prompts(
    suite: Annotated[str, typer.Option(help="suite name or folder")],
    form: Annotated[str, typer.Option("--format", help="verilog-eval ({task_id, prompt}), cvdp ({id, prompt}) or "
                                                       "replay ({task_id, messages}: our rendered chat)")] = "replay",
) -> None:
    """Print a suite's prompts as JSONL in a public suite's interchange format, for tools that
    generate completions elsewhere (read them back with --model replay/FILE)."""
    from workbench.importers.interop import PromptFormat, export_prompts  # noqa: PLC0415 - the importers, for this command alone

    if form not in ("verilog-eval", "cvdp", "replay"):
        err.print(f"[red]error:[/red] unknown format '{escape(form)}' (verilog-eval, cvdp or replay)")
        raise typer.Exit(2)
    try:
        loaded = load_suite(suite)
        records = export_prompts(loaded.tasks, cast(PromptFormat, form))  # checked just above
    except (TaskFormatError, UnknownTaskError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    for record in records:
        print(json.dumps(record))
    _exit_if_malformed([loaded])


@tasks_app.command("schema")
def tasks_schema() -> None:
    """Print the JSON schema of task.toml."""
    print(json.dumps(json_schema(), indent=2))
