"""How long scoring a Chisel candidate takes, cold and warm.

Cold: every candidate gets a JVM of its own (``RTLWB_CHISEL_WARM=0``): JVM start, scalac class
loading and JIT warm-up are paid each time. Warm: one compile server per process, already used
once before the measured candidates. Each measured candidate is a Chisel reference of the accel
suite, scored end to end on Icarus (Scala compile, elaboration, firtool, wrapper, build, test).

    .venv/bin/python benchmarks/perf/chisel_scoring.py [--repeat 2] [--json out.json]

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
import time

from workbench.scorer import ScoreOptions, score
from workbench.task.suite import load_suite


def measure(mode: str, repeat: int) -> list[float]:
    """Seconds per candidate; run in a child process so each mode starts without a server."""
    env = dict(os.environ, RTLWB_CHISEL_WARM="1" if mode == "warm" else "0")
    done = subprocess.run([sys.executable, __file__, "--child", str(repeat)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(repeat: int) -> None:
    tasks = [task for task in load_suite("accel").tasks if task.config.chisel is not None]
    options = ScoreOptions(language="chisel")
    if os.environ.get("RTLWB_CHISEL_WARM") == "1":
        score(tasks[0], tasks[0].reference_text("chisel"), "icarus", options)  # the warm-up
    times = []
    for _ in range(repeat):
        for task in tasks:
            started = time.monotonic()
            result = score(task, task.reference_text("chisel"), "icarus", options)
            times.append(time.monotonic() - started)
            if not result.passed:
                raise SystemExit(f"{task.id}: {result.summary()}")
    print(json.dumps(times))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        return _child(int(sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="passes over the Chisel tasks")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    figures = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores"}
    for mode in ("cold", "warm"):
        times = measure(mode, args.repeat)
        figures[mode] = {"candidates": len(times), "median_s": round(statistics.median(times), 2),
                         "p90_s": round(sorted(times)[int(0.9 * (len(times) - 1))], 2),
                         "max_s": round(max(times), 2)}
        print(f"{mode:5} {figures[mode]['candidates']:3} candidates  median {figures[mode]['median_s']:5.2f} s  "
              f"p90 {figures[mode]['p90_s']:5.2f} s  max {figures[mode]['max_s']:5.2f} s")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(figures, handle, indent=2)


if __name__ == "__main__":
    main()
