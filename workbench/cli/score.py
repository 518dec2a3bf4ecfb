"""``rtlwb score``: one candidate against one task, by the task kind's scorer."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from workbench.cli._common import JsonOption, out, read_candidate, simulators
from workbench.sandbox import isolation
from workbench.scorer import Result, ScoreOptions, score
from workbench.task.suite import find_task


def score_command(
    task: Annotated[str, typer.Option("--task", "-t", help="task id (or suite/id); an nl2sva task: "
                                                          "ASSERTION_TASK.PROPERTY")],
    candidate: Annotated[Path, typer.Option("--candidate", "-c", help="model answer or HDL file ('-' for stdin)")],
    sim: Annotated[str | None, typer.Option("--sim", "-s", help="icarus or verilator (default: the task's first; "
                                                                "formal and HLS tasks run no HDL simulator)")] = None,
    seed: Annotated[int | None, typer.Option(help="random seed for the testbench")] = None,
    waves: Annotated[bool, typer.Option(help="record waveforms in the artefact folder")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score one candidate against one task."""
    isolation()  # refuses here, before any work, when untrusted code cannot be sandboxed
    loaded = find_task(task)
    text = sys.stdin.read() if str(candidate) == "-" else read_candidate(candidate)
    options = ScoreOptions(sim=simulators([sim])[0] if sim else None, seed=seed, waves=waves, keep_build=waves)
    result = score(loaded, text, options=options)
    if as_json:
        print(json.dumps(_record(result), indent=2))
    else:
        colour = "green" if result.passed else "red"
        out.print(f"[{colour}]{result.status.value}[/{colour}]  {escape(result.summary())}")
        if result.diagnostics and not result.passed:
            out.print(escape(result.diagnostics))
        out.print(f"artefacts: {result.artefacts}" if result.artefacts else "")
    raise typer.Exit(0 if result.passed else 1)


def _record(result: Result) -> dict:
    """The result in the JSON of every command: each assertion's verdict is its ``status``."""
    record = result.model_dump(mode="json")
    if record["formal"] is not None:
        record["formal"]["verdicts"] = [{"status": verdict.pop("verdict"), **verdict}
                                        for verdict in record["formal"]["verdicts"]]
    return record
