"""AssertionBench import on synthetic modules in the public layout, self-tested by the real judge:
a good golden set is proven, a planted false golden assertion and an unsupported construct are
errata with the judge's evidence, and unusable modules are reported with the file and the reason."""

from __future__ import annotations

import json
import shutil
import tarfile
import tomllib
from pathlib import Path

import pytest

from workbench.importers.assertionbench import (
    convert_llm_outputs,
    import_assertionbench,
    read_goldens,
    read_tcl,
)
from workbench.scorer.assertion import score_assertions
from workbench.scorer.result import Status
from workbench.task.format import TaskFormatError
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures" / "assertionbench"


def _public_copy(target: Path) -> Path:
    """The fixtures as the suite ships them: each default_ass.txt packed as default_ass.txt.tar.gz."""
    shutil.copytree(FIXTURES, target)
    for text in target.rglob("default_ass.txt"):
        with tarfile.open(text.parent / "default_ass.txt.tar.gz", "w:gz") as tar:
            tar.add(text, arcname=f"./{text.parent.name}/default_ass.txt")
        text.unlink()
    return target


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = _public_copy(tmp_path_factory.mktemp("ab") / "copy")
    report = import_assertionbench(root, out=tmp_path_factory.mktemp("suites") / "assertionbench", jobs=2)
    return root, report


@pytest.mark.slow  # the shared import self-tests the suite: about 40 s
def test_modules_become_assertion_tasks(imported):
    _, report = imported
    suite = load_suite(report.folder)
    assert not suite.problems
    tasks = {task.id: task for task in suite.tasks}
    assert sorted(tasks) == ["handshake", "up_counter"]
    counter = tasks["up_counter"]
    assert counter.config.clock.name == "clk" and counter.config.reset.active_low  # negedge rst_n in the design
    assert not tasks["handshake"].config.reset.active_low  # posedge rst
    assert [p.name for p in counter.config.ports] == ["clk", "rst_n", "en", "count", "wrap"]
    assert "`include" not in counter.design_text() and "`timescale" in counter.design_text()  # inlined
    golden = counter.reference_text().splitlines()
    assert len(golden) == 3  # the prefixed and the plain spelling of one assertion are one
    assert golden[0].startswith("ab_0: assert property (@(posedge clk) disable iff (!rst_n) (en &&")
    assert "##1 1'b1" in golden[2] and "_::" not in counter.reference_text()
    manifest = tomllib.loads((report.folder / "suite.toml").read_text())
    assert manifest["golden_total"] == 8 and manifest["golden_unique"] == 7  # of the imported modules


@pytest.mark.slow  # the shared import self-tests the suite: about 40 s
def test_unusable_modules_are_reported_with_the_reason(imported):
    _, report = imported
    reasons = {s.source_id: s.reason for s in report.skipped}
    assert "combinational design" in reasons["parity"] and "DEFAULT_CLOCK" in reasons["parity"]
    assert "default_ass.txt.tar.gz: not a readable tar archive" in reasons["broken_archive"]


@pytest.mark.slow  # the shared import self-tests the suite: about 40 s
def test_golden_self_test_proves_good_sets_and_reports_the_rest(imported):
    _, report = imported
    assert report.golden_pass == 1  # up_counter
    failing = {e.task: e for e in report.errata if e.problem == "reference-fails"}
    assert set(failing) == {"handshake"}
    evidence = failing["handshake"].evidence
    assert "2 of 4 golden assertions fail the self-test" in evidence
    assert "ab_2: cex" in evidence  # the planted false one: req |-> ##1 ack
    assert "ab_3: unsupported" in evidence and "inside an implication" in evidence  # s_eventually
    errata = tomllib.loads((report.folder / "errata.toml").read_text())["erratum"]
    assert {(e["task"], e["problem"]) for e in errata} >= {("handshake", "reference-fails"),
                                                           ("parity", "not-imported")}


@pytest.mark.slow  # the shared import self-tests the suite: about 40 s
def test_a_trivially_true_answer_fails_the_formal_scorer(imported):
    # These tasks have no mutants: `assert property (@(posedge clk) 1'b1);` is proven and
    # non-vacuous, and only the tautology check (it holds with every signal free) fails it.
    _, report = imported
    assert report.stub_fail == report.tasks


@pytest.mark.slow  # the shared import self-tests the suite: about 40 s
def test_llm_outputs_become_replay_records_scored_by_the_judge(imported, tmp_path):
    root, report = imported
    out = tmp_path / "replay.jsonl"
    outputs = root / "Jasper_llama_results/scripts/final_data_toy_model.json"
    conversion = convert_llm_outputs(outputs, report.folder, out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert conversion.written == 2 and conversion.unmatched == ["parity.v"]
    assert [r["task_id"] for r in records] == ["up_counter", "handshake"]
    assert records[0]["completion"].count("assert property") == 2  # the repeated property once
    assert records[1]["completion"] == "llm_0: assert property (@(posedge clk) disable iff (rst) req |-> ##1 ack);\n"
    handshake = next(t for t in load_suite(report.folder).tasks if t.id == "handshake")
    result = score_assertions(handshake, records[1]["completion"], tmp_path / "score")
    assert result.status == Status.FAIL_FUNCTIONAL and result.formal.cex == 1


def test_bad_inputs_name_the_file(tmp_path):
    archive = tmp_path / "default_ass.txt.tar.gz"
    archive.write_text("plain text")
    with pytest.raises(TaskFormatError, match=r"default_ass\.txt\.tar\.gz: not a readable tar archive"):
        read_goldens(archive)
    tcl = tmp_path / "FPV_x.tcl"
    tcl.write_text("elaborate -top x\nclock clk\n")
    with pytest.raises(TaskFormatError, match=r"FPV_x\.tcl: no `analyze"):
        read_tcl(tcl)
    with pytest.raises(TaskFormatError, match="not a folder"):
        import_assertionbench(tmp_path / "nowhere", check=False)
