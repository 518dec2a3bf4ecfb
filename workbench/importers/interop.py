"""Completions and prompts in the public suites' own interchange formats.

- Prompts out: ``verilog-eval`` (``{"task_id", "prompt"}``, the suite's ids), ``cvdp``
  (``{"id", "prompt"}``) and ``replay`` (``{"task_id", "messages"}``: the workbench's rendered chat,
  with our ids).
- Completions in: ``rtlwb bench run --model replay/FILE`` reads our ``replay`` records and, for
  imported suites, VerilogEval's ``{"task_id", "completion"}`` and CVDP's ``{"id", "completion"}``
  as they are. VerilogEval v1 completions continue the prompt (a module body without its header):
  :func:`complete_v1_samples` puts each task's header in front, giving a replay file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from workbench.importers.verilog_eval import HEADER_FILE
from workbench.model import ReplayModel
from workbench.solver.prompt import render, suite_prompt
from workbench.task.format import Task, TaskFormatError

PromptFormat = Literal["verilog-eval", "cvdp", "replay"]
_MODULE = re.compile(r"^\s*module\b", re.MULTILINE)


def export_prompts(tasks: list[Task], form: PromptFormat) -> list[dict]:
    """One record per task: its prompt as the suite's tools (or ours) expect it."""
    if form == "replay":
        return [{"task_id": task.id, "messages": [m.model_dump() for m in render(task).messages]} for task in tasks]
    key = "id" if form == "cvdp" else "task_id"
    foreign = [task for task in tasks if not task.config.prompt]
    if foreign:
        raise TaskFormatError(f"task {foreign[0].id} is not imported from a public suite: it has no prompt of "
                              f"that suite's own (export it as replay)")
    return [{key: task.config.source_id or task.id, "prompt": suite_prompt(task)} for task in tasks]


def complete_v1_samples(path: Path, tasks: list[Task]) -> list[dict]:
    """VerilogEval v1 samples (``{"task_id", "completion"}``, a module body) as replay records of
    whole modules: each task's header in front of its completion (unless it already has one)."""
    answers = ReplayModel(path).answers  # it reads and checks the file (named first when it is wrong)
    by_source = {task.config.source_id: task for task in tasks if (task.folder / HEADER_FILE).is_file()}
    if not by_source:
        raise TaskFormatError("none of the tasks is a VerilogEval v1 task (no header.sv): import the suite with "
                              "--variant v1-human or v1-machine")
    records = []
    for (source, sample), completion in answers.items():
        task = by_source.get(source)
        if task is None:
            raise TaskFormatError(f"{path}: task '{source}' is not in the imported suite")
        if not _MODULE.search(completion):
            completion = (task.folder / HEADER_FILE).read_text() + completion
        records.append({"task_id": task.id, "sample": sample, "completion": completion})
    return records
