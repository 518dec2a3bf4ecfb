"""``rtlwb templates``: the library of parameterized accelerator blocks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, err, out
from workbench.scorer import ScoreOptions, Status, score
from workbench.solver.templates import TemplateError, find_template, load_library

templates_app = typer.Typer(help="Parameterized accelerator blocks (rtl_templates/).", no_args_is_help=True)


@templates_app.command("list")
def templates_list(as_json: JsonOption = False) -> None:
    """Every block with its category, parameters and summary."""
    library = load_library()
    for problem in library.problems:
        err.print(f"[red]malformed block:[/red] {escape(problem)}")
    if as_json:
        print(json.dumps([{"name": t.name, "category": t.config.category, "summary": t.config.summary,
                           "parameters": {p.name: p.default for p in t.config.parameters}}
                          for t in library.templates], indent=2))
        return
    table = Table("name", "category", "parameters", "summary")
    for t in library.templates:
        table.add_row(t.name, t.config.category, ", ".join(f"{p.name}={p.default}" for p in t.config.parameters),
                      escape(t.config.summary))
    out.print(table)


@templates_app.command("show")
def templates_show(name: str, as_json: JsonOption = False) -> None:
    """A block's parameters (with their ranges and rules), interface and description."""
    t = find_template(name)
    if as_json:
        print(json.dumps({"name": t.name, "folder": str(t.folder), "config": t.config.model_dump(mode="json"),
                          "spec": t.spec.model_dump()}, indent=2))
        return
    out.print(f"[bold]{t.name}[/bold] · {t.config.category} · related: {', '.join(t.config.related) or '-'}")
    table = Table("parameter", "default", "range", "rules", "description")
    for p in t.config.parameters:
        low, high = ("" if bound is None else bound for bound in (p.min, p.max))
        table.add_row(p.name, str(p.default), f"{low}..{high}", escape(", ".join(p.rules())), escape(p.description))
    out.print(table)
    ports = Table("port", "dir", "width", "description")
    for port in t.config.ports:
        ports.add_row(port.name, port.direction, str(port.width), escape(port.description))
    out.print(ports)
    out.print(escape(t.spec.detailed))


def _parse_assignments(values: list[str] | None) -> dict[str, int]:
    parsed = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not value.strip().lstrip("-").isdigit():
            raise TemplateError(f"-p expects KEY=INTEGER, got '{item}'")
        parsed[key.strip()] = int(value)
    return parsed


@templates_app.command("instantiate")
def templates_instantiate(
    name: str,
    parameter: Annotated[list[str] | None, typer.Option("--param", "-p", help="KEY=VALUE (repeatable)")] = None,
    output: Annotated[Path | None, typer.Option("--out", "-o", help="write the RTL here (default: stdout)")] = None,
    check: Annotated[str | None, typer.Option(help="also score the instance on this simulator")] = None,
    task_dir: Annotated[Path | None, typer.Option("--task-dir", help="also write a task folder for this instance: "
                                                  "task.toml, spec.md, reference.sv and the block's tests")] = None,
    lang: Annotated[str, typer.Option("--lang", help="systemverilog, or chisel (Scala source)")] = "systemverilog",
) -> None:
    """Emit the block's RTL (or Chisel) with the given parameters (and optionally prove it with its tests)."""
    template = find_template(name)
    overrides = _parse_assignments(parameter)
    rtl = template.instantiate(overrides, lang)
    if task_dir:
        written = template.write_task(task_dir, overrides)
        err.print(f"wrote task folder {escape(str(written.folder))} (score answers with "
                  f"RTLWB_BENCHMARKS={escape(str(written.folder.parent.parent))} rtlwb score --task {written.id})")
    if output:
        output.write_text(rtl)
        err.print(f"wrote {output} ({', '.join(f'{k}={v}' for k, v in template.resolve(overrides).items())})")
    else:
        print(rtl, end="")
    if check:
        result = score(template.as_task(overrides), rtl, check, ScoreOptions(language=lang))
        err.print(escape(result.summary()))
        raise typer.Exit(0 if result.passed else 1)


@templates_app.command("check")
def templates_check(
    name: Annotated[list[str] | None, typer.Argument(help="blocks (default: all)")] = None,
    sim: Annotated[str, typer.Option("--sim", "-s")] = "icarus",
    lang: Annotated[str, typer.Option(
        "--lang", help="systemverilog, or chisel for the blocks that have it")] = "systemverilog",
    as_json: JsonOption = False,
) -> None:
    """Run each block's tests on every parameterization it declares."""
    loaded = load_library()
    library = [find_template(n) for n in name] if name else loaded.templates
    if lang == "chisel":
        library = [t for t in library if t.has_chisel or name]
    malformed = [] if name else loaded.problems
    for problem in malformed:
        err.print(f"[red]malformed block:[/red] {escape(problem)}")
    rows = []
    for template in library:
        for parameters, result in template.check(sim, lang):
            rows.append({"name": template.name, "parameters": parameters, "status": result.status.value,
                         "message": result.message})
            if not as_json:
                shown = ", ".join(f"{k}={v}" for k, v in parameters.items())
                colour = "green" if result.passed else "red"
                verdict = f"[{colour}]{result.status.value}[/{colour}]"
                out.print(f"{template.name:24} {shown:32} {verdict} {escape(result.message[:120])}")
    ok = not malformed and all(row["status"] == Status.PASS.value for row in rows)
    if as_json:
        print(json.dumps({"ok": ok, "simulator": sim, "language": lang, "malformed": malformed, "checks": rows},
                         indent=2))
    raise typer.Exit(0 if ok else 1)
