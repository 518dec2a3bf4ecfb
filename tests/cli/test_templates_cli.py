"""`rtlwb templates` as real processes: an instance that breaks a rule its block states is refused
with one line naming the parameter, its value and the rule; one that keeps them passes its tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

RTLWB = [sys.executable, "-m", "workbench.cli.main"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RTLWB, "templates", *args], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, COLUMNS="200"))


@pytest.mark.parametrize(("parameters", "message"), [
    (["DEPTH=12"], "error: sync_fifo: DEPTH=12 must be a power of two"),
    (["DEPTH=8", "ALMOST_FULL=20"], "error: sync_fifo: ALMOST_FULL=20 must be <= DEPTH (= 8 here)"),
    (["DEPTH=8"], "error: sync_fifo: ALMOST_FULL=14 must be <= DEPTH (= 8 here); 14 is its default, "
                  "so give ALMOST_FULL a value too"),
])
def test_an_instance_breaking_a_stated_rule_is_refused_in_one_line(parameters, message):
    done = _run("instantiate", "sync_fifo", *(f"-p{p}" for p in parameters))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == message and "Traceback" not in done.stderr


def test_an_instance_keeping_the_rules_passes_its_tests_and_show_prints_the_rules():
    done = _run("instantiate", "sync_fifo", "-p", "DEPTH=8", "-p", "ALMOST_FULL=6", "--check", "icarus")
    assert done.returncode == 0, done.stderr
    assert re.search(r"parameter int DEPTH\s+= 8,\s+parameter int ALMOST_FULL = 6\n", done.stdout)
    assert done.stderr.startswith("sync_fifo [icarus] pass")
    shown = _run("show", "gemm_addr_gen").stdout
    for row in ("│ M         │ 8       │ 2..4096 │ a multiple of TILE │",
                "│ N         │ 8       │ 2..4096 │ a multiple of TILE │",
                "│ TILE      │ 4       │ 1..4096 │                    │"):
        assert row in shown, shown
