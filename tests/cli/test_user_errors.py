"""Every command meets a missing file, a bad flag value and a malformed input with one line that
names the problem, a non-zero exit and no traceback (real processes, as a user runs them).

The table holds each command's cases; a command added without cases fails
``test_every_command_has_cases``, so the sweep keeps covering the whole command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from workbench.cli.main import _Commands, app

RTLWB = [sys.executable, "-m", "workbench.cli.main"]

# {missing}: a path that does not exist; {garbage}: a file of non-UTF-8 bytes and broken syntax;
# {broken_suite}: a suite folder whose one task.toml is not TOML; {empty}: an empty folder;
# {broken_workspace}: a dataset workspace whose database is not SQLite; {design}: a good counter.sv;
# {broken_design}: broken.sv, neither UTF-8 nor Verilog.
# Each case: (label, arguments, text the one error line must contain).
CASES: dict[str, list[tuple[str, list[str], str]]] = {
    "generate": [
        ("missing", ["@{missing}", "--model", "retrieval"], "nowhere"),
        ("bad value", ["@{spec}", "--model", "retrieval", "--sim", "modelsim"], "modelsim"),
        ("malformed", ["@{garbage}", "--model", "retrieval"], "garbage.bin"),
    ],
    "doctor": [("bad value", ["--json", "--quiet=maybe"], "--quiet")],
    "score": [
        ("missing", ["-t", "sat_add", "-c", "{missing}"], "nowhere"),
        ("bad value", ["-t", "sat_add", "-c", "{spec}", "--sim", "modelsim"], "modelsim"),
        ("malformed", ["-t", "broken_suite/broken", "-c", "{spec}"], "task.toml"),
    ],
    "retrieve": [
        ("missing", ["@{missing}"], "nowhere"),
        ("bad value", ["fifo", "-k", "x"], "-k"),
        ("malformed", ["fifo", "--corpus", "{garbage}"], "garbage.bin"),
    ],
    "check": [
        ("missing", ["--suite", "{missing}"], "nowhere"),
        ("bad value", ["--jobs", "0"], "--jobs"),
        ("malformed", ["--suite", "{broken_suite}"], "task.toml"),
    ],
    "audit": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["accel", "--min-kill", "2"], "--min-kill"),
        ("malformed", ["{broken_suite}"], "task.toml"),
    ],
    "synth": [
        ("missing", ["{missing}", "--top", "counter"], "nowhere"),
        ("bad value", ["{design}", "--top", "counter", "-p", "WIDTH=wide"], "WIDTH"),
        ("malformed", ["{broken_design}", "--top", "counter"], "broken.sv"),
    ],
    "tasks list": [
        ("missing", ["--suite", "{missing}"], "nowhere"),
        ("malformed", ["--suite", "{broken_suite}"], "task.toml"),
    ],
    "tasks show": [
        ("missing", ["no_such_task"], "no_such_task"),
        ("bad value", ["sat_add", "--level", "nope"], "nope"),
    ],
    "tasks export-prompts": [
        ("missing", ["--suite", "{missing}"], "nowhere"),
        ("bad value", ["--suite", "accel", "--format", "nope"], "nope"),
        ("malformed", ["--suite", "{broken_suite}"], "task.toml"),
    ],
    "tasks schema": [],
    "bench generate": [
        ("missing", ["--suite", "{missing}", "--model", "reference"], "nowhere"),
        ("bad value", ["--model", "reference", "-k", "0"], "-k"),
        ("malformed", ["--suite", "{broken_suite}", "--model", "reference"], "task.toml"),
    ],
    "bench run": [
        ("missing", ["--model", "replay/{missing}"], "nowhere"),
        ("bad value", ["--model", "reference", "--jobs", "-1"], "--jobs"),
        ("bad switch", ["--model", "reference", "--synth", "maybe"], "--synth"),
        ("malformed", ["--model", "replay/{garbage}"], "garbage.bin"),
    ],
    "bench evaluate": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{garbage}", "--jobs", "-1"], "--jobs"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "bench report": [
        ("missing", ["{missing}"], "nowhere"),
        ("malformed", ["{empty}"], "empty"),
    ],
    "cache list": [],
    "cache clear": [],
    "templates list": [],
    "templates show": [("missing", ["no_such_block"], "no_such_block")],
    "templates instantiate": [
        ("missing", ["no_such_block"], "no_such_block"),
        ("bad value", ["sync_fifo", "-p", "DEPTH=12"], "DEPTH"),
        ("malformed", ["sync_fifo", "-p", "DEPTH"], "DEPTH"),
    ],
    "templates check": [
        ("missing", ["no_such_block"], "no_such_block"),
        ("bad value", ["sync_fifo", "--sim", "modelsim"], "modelsim"),
    ],
    "sva check": [
        ("missing", ["--design", "{missing}", "--props", "{garbage}"], "nowhere"),
        ("bad value", ["--design", "{spec}", "--props", "{spec}", "--depth", "x"], "--depth"),
        ("malformed", ["--design", "{garbage}", "--props", "{garbage}"], "garbage.bin"),
    ],
    "import chrysalis": [
        ("missing", ["{garbage}", "--kernel", "{missing}"], "nowhere"),
        ("malformed", ["{garbage}", "--kernel", "{empty}"], "kernel.toml"),
    ],
    "import verilog-eval": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{empty}", "--jobs", "0"], "--jobs"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "import rtllm": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{empty}", "--sim", "modelsim"], "modelsim"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "import cvdp": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{empty}", "--audit-sample", "0"], "--audit-sample"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "import assertionbench": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{empty}", "--max-reference", "x"], "--max-reference"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "import fveval": [
        ("missing", ["{missing}"], "nowhere"),
        ("bad value", ["{empty}", "--jobs", "x"], "--jobs"),
        ("malformed", ["{garbage}"], "garbage.bin"),
    ],
    "import assertionbench-outputs": [
        ("missing", ["{missing}"], "nowhere"),
        ("malformed", ["{garbage}", "--suite", "assert"], "garbage.bin"),
    ],
    "import v1-samples": [
        ("missing", ["{missing}", "--suite", "accel", "-o", "{out}"], "nowhere"),
        ("malformed", ["{garbage}", "--suite", "accel", "-o", "{out}"], "garbage.bin"),
    ],
    "dataset ingest": [
        ("missing", ["{missing}", "-w", "{out}"], "nowhere"),
        ("bad value", ["{empty}", "-w", "{out}", "--max-bytes", "x"], "--max-bytes"),
        ("malformed", ["{empty}", "-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
    "dataset verify": [
        ("missing", ["-w", "{missing}"], "nowhere"),
        ("bad value", ["-w", "{broken_workspace}", "--jobs", "0"], "--jobs"),
        ("malformed", ["-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
    "dataset dedup": [
        ("missing", ["-w", "{missing}"], "nowhere"),
        ("bad value", ["-w", "{broken_workspace}", "--threshold", "2"], "--threshold"),
        ("malformed", ["-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
    "dataset decontaminate": [
        ("missing", ["-w", "{missing}"], "nowhere"),
        ("bad value", ["-w", "{broken_workspace}", "--threshold", "2"], "--threshold"),
        ("malformed", ["-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
    "dataset describe": [
        ("missing", ["-w", "{missing}"], "nowhere"),
        ("bad value", ["-w", "{broken_workspace}", "--jobs", "0"], "--jobs"),
        ("malformed", ["-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
    "dataset export": [
        ("missing", ["-w", "{missing}", "-o", "{out}"], "nowhere"),
        ("bad value", ["-w", "{broken_workspace}", "-o", "{out}", "--format", "nope"], "nope"),
        ("malformed", ["-w", "{broken_workspace}", "-o", "{out}"], "dataset.sqlite"),
    ],
    "dataset stats": [
        ("missing", ["-w", "{missing}"], "nowhere"),
        ("malformed", ["-w", "{broken_workspace}"], "dataset.sqlite"),
    ],
}


def _leaf_commands() -> list[str]:
    root = typer.main.get_command(app)
    for lazy in _Commands.lazy_commands:
        root.commands[lazy.name] = lazy.load()  # type: ignore[attr-defined]
    names: list[str] = []

    def walk(command, path: list[str]) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):
                walk(command.get_command(None, name), [*path, name])
        else:
            names.append(" ".join(path))

    walk(root, [])
    return names


def test_every_command_has_cases():
    assert sorted(_leaf_commands()) == sorted(CASES)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("user_errors")
    garbage = root / "garbage.bin"
    garbage.write_bytes(b"\xff\xfe\x00 {[ module ( = = not anything\n\x80\x81\n")
    spec = root / "spec.md"
    spec.write_text("A 4-bit counter with synchronous active-low reset.\n")
    design = root / "counter.sv"
    design.write_text("module counter #(parameter WIDTH = 4) (input clk, output reg [WIDTH-1:0] count);\n"
                      "  always @(posedge clk) count <= count + 1'b1;\nendmodule\n")
    broken_design = root / "broken.sv"
    broken_design.write_bytes(b"module counter (input clk\n\xff\xfe endmodule endmodule (\n")
    broken = root / "benchmarks" / "broken_suite" / "broken"
    broken.mkdir(parents=True)
    (broken / "task.toml").write_text("id = = 'broken'\n[[ports\n")
    empty = root / "empty"
    empty.mkdir()
    workspace = root / "broken_workspace"
    workspace.mkdir()
    (workspace / "dataset.sqlite").write_bytes(b"this is not an SQLite database\n" * 20)
    return {"missing": str(root / "nowhere"), "garbage": str(garbage), "spec": str(spec), "design": str(design),
            "broken_design": str(broken_design), "broken_suite": str(broken.parent), "empty": str(empty),
            "broken_workspace": str(workspace),
            "out": str(root / "out"), "benchmarks": str(root / "benchmarks")}


def _run(command: str, args: list[str], inputs: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    argv = [*RTLWB, *command.split(), *(arg.format(**inputs) for arg in args)]
    env = dict(os.environ, COLUMNS="200", RTLWB_BENCHMARKS=inputs["benchmarks"], RTLWB_CACHE=str(tmp_path / "cache"))
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)


def _assert_one_line_error(done: subprocess.CompletedProcess, expected: str) -> None:
    """A non-zero exit, no traceback, at most one ``error:`` line, and the line naming the problem:
    that error, or (a suite with malformed tasks) a ``malformed task`` line of its own."""
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert "Traceback" not in said, said
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) <= 1, said
    named = [line for line in done.stderr.splitlines() if line.startswith(("error:", "malformed task"))]
    assert any(expected in line for line in named), said


@pytest.mark.parametrize("command", sorted(CASES))
def test_an_unknown_flag_is_one_line(command, inputs, tmp_path):
    _assert_one_line_error(_run(command, ["--no-such-flag"], inputs, tmp_path), "--no-such-flag")


@pytest.mark.parametrize(("command", "label", "args", "expected"),
                         [pytest.param(command, *case, id=f"{command}: {case[0]}")
                          for command, cases in sorted(CASES.items()) for case in cases])
def test_bad_input_is_one_line(command, label, args, expected, inputs, tmp_path):
    _assert_one_line_error(_run(command, args, inputs, tmp_path), expected)
