"""The shipped seed dataset: rebuilding it with `rtlwb dataset` (datasets/seed/build.sh) gives the
records that are shipped, every one verified, and none of them close to a benchmark task."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.task.suite import PROJECT_ROOT

SEED = PROJECT_ROOT / "datasets" / "seed"
# What a rebuild must reproduce: tool versions may move the synthesis figures, nothing else.
STABLE = ("id", "language", "top", "code", "dependencies", "source", "path", "license", "description", "testbench",
          "verified", "checks", "nearest_benchmark_task")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _stable(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in STABLE} for row in rows]


def test_the_shipped_seed_is_verified_and_original():
    rows = _rows(SEED / "data" / "data.jsonl")
    assert len(rows) >= 75
    assert all(row["verified"] and row["nearest_benchmark_task"] is None for row in rows)
    sources = {row["source"] for row in rows}
    assert sources == {"datasets/seed/sources", "rtl_templates"}
    simulated = [row for row in rows if row["checks"]["simulate"] == "pass"]
    assert len(simulated) >= 35  # the original designs' own testbenches ran and passed
    assert {"chisel", "systemverilog", "verilog"} == {row["language"] for row in rows}


@pytest.mark.slow
def test_rebuilding_the_seed_reproduces_it(tmp_path):
    env = dict(os.environ, RTLWB=str(Path(sys.executable).parent / "rtlwb"))
    done = subprocess.run(["bash", str(SEED / "build.sh"), str(tmp_path / "out")], capture_output=True, text=True,
                          env=env, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rebuilt, shipped = _rows(tmp_path / "out" / "data.jsonl"), _rows(SEED / "data" / "data.jsonl")
    assert _stable(rebuilt) == _stable(shipped)
    card = (tmp_path / "out" / "README.md").read_text()
    assert card == (SEED / "data" / "README.md").read_text()
