"""`rtlwb score --lang` as real processes: a Chisel answer is scored from the command line (its
language given, or inferred from a .scala file), through the real Chisel toolchain."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from workbench.task.suite import PROJECT_ROOT

RTLWB = [sys.executable, "-m", "workbench.cli.main"]
SAT_ADD_CHISEL = PROJECT_ROOT / "benchmarks" / "accel" / "sat_add" / "reference.scala"


def _score(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RTLWB, "score", *args], capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, COLUMNS="200"))


@pytest.mark.slow  # two Chisel compilations (about a minute the first time)
def test_a_chisel_answer_is_scored_with_lang_chisel_or_from_its_scala_suffix(tmp_path):
    answer = tmp_path / "answer.txt"
    shutil.copy(SAT_ADD_CHISEL, answer)
    for args in (["-c", str(SAT_ADD_CHISEL)], ["-c", str(answer), "--lang", "chisel"]):
        done = _score("-t", "sat_add", *args, "--json")
        assert done.returncode == 0, done.stdout + done.stderr
        result = json.loads(done.stdout)
        assert result["status"] == "pass"
        # The accel suite compares a pass with the reference: here the Verilog that Chisel elaborated.
        assert result["equivalence"]["status"] == "equivalent"
    as_verilog = _score("-t", "sat_add", "-c", str(SAT_ADD_CHISEL), "--lang", "systemverilog", "--json")
    assert as_verilog.returncode == 1 and json.loads(as_verilog.stdout)["status"] != "pass"


@pytest.mark.parametrize(("args", "message"), [
    (["-t", "abs_diff", "-c", str(SAT_ADD_CHISEL)],
     "chisel (from the suffix of {scala}): task abs_diff takes no Chisel answers (it takes verilog, systemverilog)"),
    (["-t", "abs_diff", "-c", str(SAT_ADD_CHISEL), "--lang", "chisel"],
     "chisel: task abs_diff takes no Chisel answers"),
    (["-t", "sat_add", "-c", str(SAT_ADD_CHISEL), "--lang", "vhdl"], "'vhdl' is not one of"),
])
def test_a_language_the_task_does_not_take_is_one_line_naming_lang(args, message):
    done = _score(*args)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "--lang" in line and message.format(scala=SAT_ADD_CHISEL) in line
