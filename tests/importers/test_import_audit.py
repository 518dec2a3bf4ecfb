"""`rtlwb import ... --audit` on a synthetic VerilogEval v2 copy (written here, in the public
layout): real Icarus runs of the suite's testbenches and real equivalence checks. One testbench
compares only the low bit of a 4-bit sum, so mutants that keep that bit pass it: each becomes a
testbench-gap note with its counterexample; a task whose testbench kills every mutant gets none."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workbench.cli._common import UsageError
from workbench.cli.importers import import_app
from workbench.eval.audit import Survivor
from workbench.importers import IMPORTERS, gap_note, get_importer
from workbench.task.errata import suite_errata

_TEST_HEAD = "`timescale 1 ps/1 ps\nmodule tb();\n  reg clk = 0;\n  always #5 clk = ~clk;\n"

PROBLEMS = {
    "Prob001_and2": (
        "module RefModule (input a, input b, output y);\n  assign y = a & b;\nendmodule\n",
        _TEST_HEAD + """  reg a, b;
  wire y_ref, y_dut;
  integer samples = 0, errors = 0;
  RefModule good1 (.a(a), .b(b), .y(y_ref));
  TopModule top_module1 (.a(a), .b(b), .y(y_dut));
  initial begin
    repeat (40) begin
      @(negedge clk) {a, b} = $random;
      @(posedge clk) begin
        samples = samples + 1;
        if (y_ref !== y_dut) errors = errors + 1;
      end
    end
    $display("Mismatches: %1d in %1d samples", errors, samples);
    $finish;
  end
endmodule
"""),
    # The weak testbench: it compares only bit 0 of y, which a - 3 and a + 11 share with a + 3.
    "Prob002_add3": (
        "module RefModule (input [3:0] a, output [3:0] y);\n  assign y = a + 4'd3;\nendmodule\n",
        _TEST_HEAD + """  reg [3:0] a;
  wire [3:0] y_ref, y_dut;
  integer samples = 0, errors = 0;
  RefModule good1 (.a(a), .y(y_ref));
  TopModule top_module1 (.a(a), .y(y_dut));
  initial begin
    repeat (40) begin
      @(negedge clk) a = $random;
      @(posedge clk) begin
        samples = samples + 1;
        if (y_ref[0] !== y_dut[0]) errors = errors + 1;
      end
    end
    $display("Mismatches: %1d in %1d samples", errors, samples);
    $finish;
  end
endmodule
"""),
}


def _copy(root: Path) -> Path:
    """A VerilogEval v2 copy holding PROBLEMS in its spec-to-rtl dataset folder."""
    folder = root / "verilog-eval" / "dataset_spec-to-rtl"
    folder.mkdir(parents=True)
    (folder / "problems.txt").write_text("\n".join(PROBLEMS) + "\n")
    for problem, (reference, test) in PROBLEMS.items():
        (folder / f"{problem}_prompt.txt").write_text("Write a module named TopModule as the reference does.\n")
        (folder / f"{problem}_ref.sv").write_text(reference)
        (folder / f"{problem}_test.sv").write_text(test)
    return folder.parent


def _import(root: Path, *options: str) -> tuple[dict, Path]:
    suite = root / "suite"
    shown = CliRunner().invoke(import_app, ["verilog-eval", str(_copy(root)), "--out", str(suite), "-j", "1",
                                            "--json", *options])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.stdout), suite


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[dict, Path]:
    return _import(tmp_path_factory.mktemp("audited"), "--audit")


def test_every_surviving_different_mutant_of_the_weak_testbench_is_a_gap_with_its_counterexample(audited):
    report, suite = audited
    gaps = [e for e in suite_errata(suite) if e.problem == "testbench-gap"]
    assert gaps and {e.task for e in gaps} == {"prob002_add3"}
    assert {(e.action, e.source, e.equivalence) for e in gaps} == {("note", "audit", "different")}
    assert any("'+' -> '-'" in e.evidence for e in gaps), [e.evidence for e in gaps]
    for gap in gaps:
        assert gap.mutant and gap.evidence.startswith("mutant line 2: ")
        assert "a replay in simulation fails it" in gap.evidence
        header, *rows = gap.counterexample.splitlines()
        assert header.split() == ["cycle", "a", "ref.y", "ans.y"]
        _, a, reference, answer, *marked = rows[0].split()
        assert marked == ["<-", "differs"] and reference != answer
        assert int(reference, 2) == (int(a, 2) + 3) % 16  # the reference's own output on that input
    assert report["audit"]["different"] == len(gaps) and report["audit"]["undecided"] == 0
    assert report["audit"]["weak_tasks"] == 1 and report["audit"]["tasks"] == 2 and report["audit"]["not_audited"] == {}


def test_a_testbench_that_kills_every_mutant_gets_no_note_and_the_audit_excludes_nothing(audited):
    report, suite = audited
    errata = suite_errata(suite)
    assert not [e for e in errata if e.task == "prob001_and2"]
    assert all(e.action == "note" for e in errata) and report["excluded"] == 0
    figures = report["audit"]
    assert figures["killed"] + figures["equivalent"] + figures["x_only"] + figures["different"] == figures["mutants"]


def test_the_counterexample_reads_as_a_table_in_the_errata_file(audited):
    _, suite = audited
    text = (suite / "errata.toml").read_text()
    assert "counterexample = '''\ncycle" in text and "<- differs'''\n" in text
    written = tomllib.loads(text)["erratum"]
    assert [entry["counterexample"] for entry in written] == [e.counterexample for e in suite_errata(suite)]


def test_without_audit_the_import_is_as_before(tmp_path: Path):
    report, suite = _import(tmp_path)
    assert report["audit"] is None and suite_errata(suite) == []
    assert (report["tasks"], report["golden_pass"], report["stub_fail"]) == (2, 2, 2)


def test_a_sample_needs_the_audit_and_draws_at_most_that_many_mutants(tmp_path: Path):
    refused = CliRunner().invoke(import_app, ["verilog-eval", str(tmp_path), "--audit-sample", "2"])
    assert isinstance(refused.exception, UsageError) and "--audit-sample needs --audit" in str(refused.exception)
    report, _ = _import(tmp_path / "sampled", "--audit", "--audit-sample", "1", "--seed", "3", "--no-check")
    assert (report["audit"]["sample"], report["audit"]["seed"], report["audit"]["mutants"]) == (1, 3, 2)


@pytest.mark.parametrize("name", list(IMPORTERS))
def test_the_audit_options_are_offered_by_the_importers_whose_tasks_have_references(name):
    shown = CliRunner().invoke(import_app, [name, "--help"], env={"COLUMNS": "200"})
    offered = {option in shown.output for option in ("--audit ", "--audit-sample", "--seed")}
    assert offered == {get_importer(name).auditable}
    assert get_importer(name).auditable == (name in ("verilog-eval", "rtllm", "cvdp"))


def test_a_survivor_the_checker_cannot_decide_is_a_gap_marked_undecided():
    survivor = Survivor(mutant_id="case-24-7-1", operator="case", line=24, description="line 24: case default removed",
                        equivalence="unsupported", label="unsupported: Yosys cannot read or elaborate the answer")
    note = gap_note("fsm", survivor)
    assert (note.problem, note.action, note.equivalence, note.counterexample) == ("testbench-gap", "note",
                                                                                  "unsupported", "")
    assert "undecided" in note.evidence and "Yosys cannot read" in note.evidence
