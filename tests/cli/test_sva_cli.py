"""``rtlwb sva check`` as a user runs it, on a suite's own files: the top and the reset read from
the design, every assertion judged on its own merits, bad input answered in one line. Real
processes, real pyslang, Yosys/SymbiYosys and yices."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MOD12 = ROOT / "benchmarks" / "assert" / "mod12_counter"  # a synchronous, active-low rst_n
COUNTER = """module counter(input logic clk, input logic en, output logic [3:0] q);
  always_ff @(posedge clk) if (en) q <= q + 4'd1;
endmodule
"""


def _sva_check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", "sva", "check", "--quiet", *args],
                          capture_output=True, text=True, cwd=folder, timeout=600)


@pytest.fixture
def mod12(tmp_path: Path) -> Path:
    """The suite's design.sv and its golden p_range (a cex from states no reset reaches)."""
    shutil.copy(MOD12 / "design.sv", tmp_path / "design.sv")
    (tmp_path / "p.sva").write_text((MOD12 / "properties.sva").read_text().splitlines()[0] + "\n")
    return tmp_path


def test_the_top_and_the_reset_of_a_suite_design_are_read_from_it_and_said(mod12):
    done = _sva_check(mod12, "--design", "design.sv", "--props", "p.sva", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [(a["label"], a["status"]) for a in report["assertions"]] == [("p_range", "proven")]
    assert (report["top"], report["reset"], report["warnings"]) == (
        "mod12_counter", {"name": "rst_n", "active_low": True, "synchronous": True, "inferred": True}, [])
    shown = _sva_check(mod12, "--design", "design.sv", "--props", "p.sva")
    assert shown.returncode == 0 and "top mod12_counter, reset rst_n active low (found in the design" in shown.stdout
    # the reset is what proves it: without one the same property fails from a state no reset reaches
    free = json.loads(_sva_check(mod12, "--design", "design.sv", "--props", "p.sva", "--no-reset", "--json").stdout)
    assert (free["reset"], [a["status"] for a in free["assertions"]]) == (None, ["cex"])


def test_a_design_with_several_top_modules_asks_for_top_naming_them(tmp_path):
    (tmp_path / "design.sv").write_text(COUNTER + "module spare(input logic clk);\nendmodule\n")
    (tmp_path / "p.sva").write_text("p: assert property (@(posedge clk) q <= 15);\n")
    done = _sva_check(tmp_path, "--design", "design.sv", "--props", "p.sva")
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr == ("error: design.sv: 2 top-level modules (counter, spare): name the one the properties "
                           "belong to with --top\n")


def test_a_design_without_an_input_named_like_a_reset_gets_a_warning(tmp_path):
    (tmp_path / "design.sv").write_text(COUNTER)
    (tmp_path / "p.sva").write_text("p: assert property (@(posedge clk) q <= 15);\n")
    done = _sva_check(tmp_path, "--design", "design.sv", "--props", "p.sva")
    assert done.returncode == 0, done.stderr
    assert "top counter, no reset: formal runs start in any state" in done.stdout
    assert done.stderr.startswith("warning: design.sv: no input of counter is named like a reset")
    report = json.loads(_sva_check(tmp_path, "--design", "design.sv", "--props", "p.sva", "--json").stdout)
    assert report["reset"] is None and "--reset" in report["warnings"][0]


def test_an_undeclared_signal_spoils_only_its_assertion_located_in_the_property_file(mod12):
    (mod12 / "p.sva").write_text((mod12 / "p.sva").read_text() +
                                 "p_typo: assert property (@(posedge clk) disable iff (!rst_n) tc |-> cnt == 4'd11);\n")
    done = _sva_check(mod12, "--design", "design.sv", "--props", "p.sva", "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert [(a["label"], a["line"], a["status"]) for a in report["assertions"]] == [
        ("p_range", 1, "proven"), ("p_typo", 2, "elaboration_error")]
    assert report["assertions"][1]["message"] == "p.sva:2:69: use of undeclared identifier 'cnt'"
    assert report["problem"] == "elaboration error: p.sva:2:69: use of undeclared identifier 'cnt'"


@pytest.mark.parametrize(("args", "message"), [
    (("--design", "missing.sv", "--props", "p.sva"), "--design missing.sv: cannot read it (No such file or directory)"),
    (("--design", "design.sv", "--props", "missing.sva"), "--props missing.sva: cannot read it"),
    (("--design", "design.sv", "--props", "p.sva", "--solver", "cvc5"), "--solver cvc5: unknown solver"),
    (("--design", "design.sv", "--props", "p.sva", "--depth", "0"), "--depth"),
    (("--design", "design.sv", "--props", "p.sva", "--top", "nowhere"),
     "--top nowhere: no such module in design.sv (its modules: counter)"),
    (("--design", "design.sv", "--props", "p.sva", "--reset", "rst"),
     "--reset rst: not an input of counter (its inputs: clk, en)"),
    (("--design", "design.sv", "--props", "p.sva", "--reset", "en", "--no-reset"), "--reset and --no-reset"),
    (("--design", "broken.sv", "--props", "p.sva"), "broken.sv:1:17: "),
    (("--design", "two_resets.sv", "--props", "p.sva"),
     "two_resets.sv: the inputs rst_n, srst of m are all named like a reset: name the one formal runs start in "
     "with --reset"),
])
def test_bad_input_is_one_line_naming_the_flag_or_file(tmp_path, args, message):
    (tmp_path / "design.sv").write_text(COUNTER)
    (tmp_path / "broken.sv").write_text("module m(input a\n")
    (tmp_path / "two_resets.sv").write_text("module m(input logic clk, input logic rst_n, input logic srst);\n"
                                            "endmodule\n")
    (tmp_path / "p.sva").write_text("p: assert property (@(posedge clk) q <= 15);\n")
    done = _sva_check(tmp_path, *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and message in done.stderr
