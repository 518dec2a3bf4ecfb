"""``rtlwb synth`` as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Until the command's line is in workbench/cli/main.py's registry (the integration step of issue 21;
# remove this guard with it).

COUNTER = """module counter #(parameter WIDTH = 4) (input clk, input rst, output reg [WIDTH-1:0] count);
  always @(posedge clk) count <= rst ? '0 : count + 1'b1;
endmodule
"""


def _rtlwb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", "synth", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_json_figures_of_one_design_at_its_parameters(tmp_path: Path) -> None:
    (tmp_path / "counter.sv").write_text(COUNTER)
    run = _rtlwb("counter.sv", "--top", "counter", "-p", "WIDTH=6", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert figures["status"] == "ok" and figures["flip_flops"] == 6 and figures["luts"] > 0
    assert figures["recipe"]["parameters"] == {"WIDTH": "6"} and figures["recipe"]["files"] == ["counter.sv"]


def test_the_table_and_the_library_area(tmp_path: Path) -> None:
    (tmp_path / "counter.sv").write_text(COUNTER)
    library = Path(__file__).parent / "toy_cells.lib"
    run = _rtlwb("counter.sv", "--top", "counter", "--lib", str(library), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "flip-flops (bits)" in run.stdout and "rtlwb_toy area" in run.stdout


@pytest.mark.parametrize(("args", "names"), [
    (["counter.sv", "--top", "counter", "-p", "WIDTH"], ["-p", "WIDTH", "NAME=VALUE"]),
    (["counter.sv", "--top", "counter", "-p", "WIDTH=4;shell"], ["WIDTH", "not a number"]),
    (["missing.sv", "--top", "counter"], ["missing.sv", "cannot read"]),
    (["counter.sv", "--top", "nope"], ["counter.sv", "unsupported", "nope"]),
    (["broken.sv", "--top", "broken"], ["broken.sv", "unsupported", "ERROR"]),
    (["counter.sv", "--top", "counter", "--lib", "counter.sv"], ["counter.sv", "not a Liberty file"]),
])
def test_bad_input_is_one_line_naming_the_file_or_flag(tmp_path: Path, args: list[str], names: list[str]) -> None:
    (tmp_path / "counter.sv").write_text(COUNTER)
    (tmp_path / "broken.sv").write_text("module broken(input a, output y); assign y = a +; endmodule\n")
    run = _rtlwb(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    message = run.stderr.strip()
    assert message.startswith("error:") and len(message.splitlines()) == 1, message
    for name in names:
        assert name in message
