"""``rtlwb score``: one candidate against one task, by the task kind's scorer; a pass is also
compared with the task's reference design (the equivalence check) when asked, or by default for
the accel suite."""

from __future__ import annotations

import json
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from workbench.cli._common import JsonOption, out, read_input, simulators
from workbench.eval.units import (
    EquivalenceUnit,
    check_folder,
    compares_with_reference,
    equivalence_to_reference,
)
from workbench.sandbox import isolation
from workbench.scorer import Result, ScoreOptions, score
from workbench.scorer.result import EquivalenceScore
from workbench.task.format import Task
from workbench.task.suite import find_task


class Switch(StrEnum):
    ON = "on"
    OFF = "off"


EquivalenceSwitch = Annotated[Switch | None, typer.Option(
    "--equiv", help="compare every simulation pass with the task's reference design (formal equivalence, "
                    "docs/equivalence.md): on or off (default: on for the accel suite's tasks)")]


SynthesisSwitch = Annotated[Switch | None, typer.Option(
    "--synth", help="synthesise every simulation pass beside the task's reference (Yosys figures, "
                    "docs/synthesis.md): on or off (default: on for the accel suite's tasks)")]


class AnswerLanguage(StrEnum):
    SYSTEMVERILOG = "systemverilog"
    VERILOG = "verilog"
    CHISEL = "chisel"


LanguageOption = Annotated[AnswerLanguage | None, typer.Option(
    "--lang", help="the answer's language: systemverilog, verilog or chisel (default: chisel for a .scala "
                   "file, else the task's first language)")]


def switched(switch: Switch | None) -> bool | None:
    """``--equiv`` as the workbench takes it: True, False, or None for the default."""
    return None if switch is None else switch == Switch.ON


def score_command(
    task: Annotated[str, typer.Option("--task", "-t", help="task id (or suite/id); an nl2sva task: "
                                                          "ASSERTION_TASK.PROPERTY")],
    candidate: Annotated[Path, typer.Option("--candidate", "-c", help="model answer or HDL file ('-' for stdin)")],
    sim: Annotated[str | None, typer.Option("--sim", "-s", help="icarus or verilator (default: the task's first; "
                                                                "formal and HLS tasks run no HDL simulator)")] = None,
    seed: Annotated[int | None, typer.Option(help="random seed for the testbench")] = None,
    waves: Annotated[bool, typer.Option(help="record waveforms in the artefact folder")] = False,
    equiv: EquivalenceSwitch = None,
    lang: LanguageOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score one candidate against one task."""
    isolation()  # refuses here, before any work, when untrusted code cannot be sandboxed
    loaded = find_task(task)
    language = _answer_language(lang, candidate, loaded)
    text = sys.stdin.read() if str(candidate) == "-" else read_input(candidate)
    options = ScoreOptions(sim=simulators([sim])[0] if sim else None, seed=seed, waves=waves, keep_build=waves,
                           language=language)
    result = score(loaded, text, options=options)
    if result.passed:
        _compare_with_reference(loaded, text, language, result, switched(equiv))
    if as_json:
        print(json.dumps(_record(result), indent=2))
    else:
        colour = "green" if result.passed else "red"
        out.print(f"[{colour}]{result.status.value}[/{colour}]  {escape(result.summary())}")
        if result.diagnostics and not result.passed:
            out.print(escape(result.diagnostics))
        if result.equivalence is not None:
            _print_equivalence(result)
        out.print(f"artefacts: {result.artefacts}" if result.artefacts else "")
    raise typer.Exit(0 if result.passed else 1)


def _answer_language(lang: AnswerLanguage | None, candidate: Path, task: Task) -> str:
    """``--lang``, else chisel for a ``.scala`` file, else the task's first language; a Chisel
    answer only for a task that takes them."""
    language = lang.value if lang else "chisel" if candidate.suffix == ".scala" else task.config.languages[0]
    if language == "chisel" and task.config.chisel is None:
        given = "chisel" if lang else f"chisel (from the suffix of {candidate})"
        raise typer.BadParameter(f"{given}: task {task.id} takes no Chisel answers (it takes "
                                 f"{', '.join(task.config.languages)})", param_hint="--lang")
    return language


def _compare_with_reference(task: Task, text: str, language: str, result: Result, switch: bool | None) -> None:
    """The equivalence check of a pass, as the bench does it, in a folder beside the simulation's."""
    if not compares_with_reference(task, switch):
        return
    parent = result.artefacts.parent if result.artefacts else Path(tempfile.gettempdir()) / "rtlwb"
    folder = check_folder(task, parent, EquivalenceUnit.work)
    verdict = equivalence_to_reference(task, text, language, result.artefacts, folder)
    result.equivalence = EquivalenceScore.of(verdict)


def _print_equivalence(result: Result) -> None:
    equivalence = result.equivalence
    assert equivalence is not None  # the caller shows a verdict that is there
    colour = "green" if equivalence.agrees else "red" if equivalence.status == "different" else "yellow"
    reason = f": {equivalence.reason}" if equivalence.reason else ""
    compared = "the given design" if result.optimization is not None else "the reference"
    out.print(f"equivalence to {compared}: [{colour}]{escape(equivalence.label)}[/{colour}]{escape(reason)} "
              f"({equivalence.seconds:.1f} s)")
    if equivalence.counterexample:
        out.print(escape(equivalence.counterexample), highlight=False)


def _record(result: Result) -> dict:
    """The result in the JSON of every command: each assertion's verdict is its ``status``."""
    record = result.model_dump(mode="json")
    if record["formal"] is not None:
        record["formal"]["verdicts"] = [{"status": verdict.pop("verdict"), **verdict}
                                        for verdict in record["formal"]["verdicts"]]
    return record
