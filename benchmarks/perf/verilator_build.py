"""How long a Verilator build takes, with and without the precompiled run-time header.

Each measured candidate is an accel reference scored end to end on Verilator (interface check,
verilate, C++ build, cocotb simulation); the figures are the scorer's own stage durations. Both
modes use the same warm ccache (the run-time library is a cache hit, as after a suite's first
build) and the model itself is always compiled: every build's sources sit in a fresh folder whose
path Verilator writes into the C++. ``no-pch`` is ``RTLWB_VERILATOR_PCH=0``; the modes alternate
so that a change in machine load falls on both. ``--cold`` also times a first build in an empty
cache folder (run-time library, and for ``pch`` the header itself, compiled then).

    .venv/bin/python benchmarks/perf/verilator_build.py [--tasks 8] [--repeat 2] [--cold] [--json out.json]

Run it on an otherwise idle machine; the README quotes its output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from workbench.scorer import ScoreOptions, score
from workbench.task.suite import load_suite

MODES = {"no-pch": "0", "pch": "1"}


def measure(mode: str, tasks: int, cache: str | None = None) -> list[dict[str, float]]:
    """One child process per mode and pass: the setting is read per process."""
    env = dict(os.environ, RTLWB_VERILATOR_PCH=MODES[mode], **({"RTLWB_CACHE": cache} if cache else {}))
    done = subprocess.run([sys.executable, __file__, "--child", str(tasks)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(count: int) -> None:
    tasks = load_suite("accel").tasks[:count]
    rows = []
    for task in tasks:
        started = time.monotonic()
        result = score(task, task.reference_text(), "verilator", ScoreOptions())
        if not result.passed:
            raise SystemExit(f"{task.id}: {result.summary()}")
        rows.append({"task": task.id, "total": time.monotonic() - started,
                     **{str(stage): seconds for stage, seconds in result.durations_s.items()}})
    print(json.dumps(rows))


def _summary(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.mean(row[key] for row in rows), 2) for key in ("compile", "simulate", "total")}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        return _child(int(sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=8, help="accel references per pass (the first N)")
    parser.add_argument("--repeat", type=int, default=2, help="passes per mode")
    parser.add_argument("--cold", action="store_true", help="also time one build per mode in an empty cache")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    measure("pch", 1)  # warm ccache and the header, so that neither mode pays for them
    rows: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for _ in range(args.repeat):
        for mode in MODES:
            rows[mode] += measure(mode, args.tasks)
    figures = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
               "builds_per_mode": args.tasks * args.repeat,
               "seconds_per_build_mean": {mode: _summary(found) for mode, found in rows.items()}}
    if args.cold:
        figures["first_build_in_empty_cache_s"] = {}
        for mode in MODES:
            with tempfile.TemporaryDirectory() as cache:
                figures["first_build_in_empty_cache_s"][mode] = _summary(measure(mode, 1, cache))
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
