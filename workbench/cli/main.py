"""The ``rtlwb`` command line: few commands, good defaults, JSON for machines.

Each command lives in a module of its own, imported only when the command runs (see
:mod:`workbench.cli._lazy`): ``rtlwb --help`` loads no simulator, parser or model library.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.markup import escape

from workbench.cli._common import err
from workbench.cli._lazy import LazyCommand, LazyGroup
from workbench.errors import WorkbenchError
from workbench.sandbox import allow_unsafe
from workbench.task.format import describe_validation_error


class _Commands(LazyGroup):
    lazy_commands = (
        LazyCommand("generate", "workbench.cli.generate:generate_command",
                    "Generate RTL from a description; lint, build and (with --tests) simulate it, repairing on "
                    "failure."),
        LazyCommand("doctor", "workbench.cli.doctor:doctor",
                    "Check every tool: its version and whether it really builds and simulates."),
        LazyCommand("score", "workbench.cli.score:score_command", "Score one candidate against one task."),
        LazyCommand("retrieve", "workbench.cli.retrieve:retrieve",
                    "Search the corpus (template library, suites, your own) by description: BM25, dense, or both "
                    "fused."),
        LazyCommand("check", "workbench.cli.check:check",
                    "Golden self-test: each reference must pass and each port-only stub must fail."),
        LazyCommand("audit", "workbench.cli.audit:audit", "Mutation testing of a suite's testbenches."),
        LazyCommand("synth", "workbench.cli.synth:synth_command",
                    "Synthesis figures of one design: cells, flip-flops, AIG, LUT-6 (and area with --lib)."),
        LazyCommand("tasks", "workbench.cli.tasks:tasks_app", "Browse benchmark tasks."),
        LazyCommand("bench", "workbench.cli.bench:bench_app",
                    "Benchmark models on suites: generate, evaluate, report."),
        LazyCommand("cache", "workbench.cli.bench:cache_app", "The model response cache."),
        LazyCommand("templates", "workbench.cli.templates:templates_app",
                    "Parameterized accelerator blocks (rtl_templates/)."),
        LazyCommand("sva", "workbench.cli.sva:sva_app", "The open formal judge for SystemVerilog assertions."),
        LazyCommand("import", "workbench.cli.importers:import_app", "Import public benchmark formats."),
        LazyCommand("dataset", "workbench.cli.dataset:dataset_app",
                    "Curate hardware code into a verified Hugging Face dataset."),
    )


app = typer.Typer(cls=_Commands, help="RTL Workbench: LLM-assisted RTL generation and verification.",
                  no_args_is_help=True, add_completion=False)


@app.callback()
def _options(unsafe_no_sandbox: Annotated[bool, typer.Option(
        "--unsafe-no-sandbox", help="run untrusted answers without bubblewrap (only rlimits); every result "
                                    "says so. Also RTLWB_UNSAFE_NO_SANDBOX=1")] = False) -> None:
    if unsafe_no_sandbox:
        allow_unsafe()


def main() -> None:
    from dotenv import find_dotenv, load_dotenv  # noqa: PLC0415 - the console script reads .env, importers do not

    # Keys and base URLs may live in .env where the command runs (or a folder above); they are never logged.
    load_dotenv(find_dotenv(usecwd=True), override=False)
    try:
        outcome = app(standalone_mode=False, prog_name="rtlwb")
    except typer.TyperException as problem:  # click's errors: a bad flag, value or command
        sys.exit(_usage_error(problem))
    except typer.Abort:
        err.print("[red]error:[/red] interrupted")
        sys.exit(130)
    except (WorkbenchError, FileNotFoundError, ValidationError) as problem:
        message = describe_validation_error(problem) if isinstance(problem, ValidationError) else str(problem)
        err.print(f"[red]error:[/red] {escape(message)}")
        sys.exit(_exit_code(problem))
    # Outside standalone mode click hands back typer.Exit's code instead of exiting.
    sys.exit(outcome if isinstance(outcome, int) else 0)


def _usage_error(problem: typer.TyperException) -> int:
    """A bad flag, value or command as one line (typer's own is a box of several); the help a
    command prints when called bare has already been shown."""
    if type(problem).__name__ != "NoArgsIsHelpError":
        context = getattr(problem, "ctx", None)
        command = context.command_path if context is not None else "rtlwb"
        message = " ".join(problem.format_message().split())
        err.print(f"[red]error:[/red] {escape(command)}: {escape(message)} (see '{escape(command)} --help')")
    return getattr(problem, "exit_code", 2)


def _exit_code(problem: Exception) -> int:
    """3: the model cannot answer at all, so the run stopped; 2: any other problem the user can fix."""
    from workbench.model import FatalModelError  # noqa: PLC0415 - loaded only once a command has failed

    return 3 if isinstance(problem, FatalModelError) else 2


if __name__ == "__main__":
    main()
