"""The testbench audit: mutants scored by a task's own tests, survivors classified by equivalence,
replay tests that kill the different ones; the kill rate leaves out equivalent mutants."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.weak_testbench import write_weak_task
from workbench.eval.audit import (
    AuditReport,
    AuditStatus,
    Survivor,
    TaskAudit,
    _batches,
    audit_suite,
    replay_module,
    replay_test,
    templates_suite,
)
from workbench.formal.design_equivalence import Counterexample, CycleValues
from workbench.hdl.mutants import Mutant, MutationOperator, generate_mutants
from workbench.scorer import Result, ScoreOptions, Stage, Status, get_scorer
from workbench.task.format import Task
from workbench.task.suite import load_suite

REFERENCE = """\
module acc (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       en,
    input  logic [3:0] d,
    output logic [3:0] q,
    output logic       zero
);
    logic [7:0] addend;
    assign addend = {4'd0, d};  // redundant: only the low half is ever used
    always_ff @(posedge clk) begin
        if (!rst_n) q <= 4'd0;
        else if (en) q <= q + addend[3:0];
    end
    assign zero = (q == 4'd0);
endmodule
"""


# --- the counts, the batches and the replay text (no tools) ----------------------------------------

def _survivor(mutant_id: str, equivalence: str, replay_kills: bool | None = None) -> Survivor:
    return Survivor(mutant_id=mutant_id, operator=MutationOperator.CONSTANT, line=1, description="line 1: 0 -> 1",
                    equivalence=equivalence, label=equivalence,
                    test_passes_reference=None if replay_kills is None else True, test_kills_mutant=replay_kills)


def test_the_kill_rate_leaves_out_equivalent_and_x_only_mutants_and_counts_undecided_ones_against() -> None:
    first = TaskAudit(task_id="a", suite="s", status=AuditStatus.AUDITED, mutants=12, killed=6, survivors=[
        _survivor("constant-1-1-1", "equivalent"), _survivor("constant-1-1-2", "equivalent-bounded"),
        _survivor("constant-1-1-3", "different", replay_kills=True), _survivor("constant-1-1-4", "unknown"),
        _survivor("constant-1-1-5", "differs-only-in-x"), _survivor("constant-1-1-6", "different", replay_kills=False)])
    assert (first.equivalent, first.x_only, first.gaps, first.unconfirmed, first.unknown) == (2, 1, 1, 1, 1)
    assert (first.undecided, first.counted) == (2, 9)  # the unknown and the unconfirmed survivor
    assert first.kill_rate == pytest.approx(6 / 9)
    second = TaskAudit(task_id="b", suite="s", status=AuditStatus.AUDITED, mutants=4, killed=4)
    report = AuditReport(suite="s", simulator=None, sample=None, seed=0, tasks=[first, second])
    assert (report.mutants, report.killed, report.equivalent, report.x_only, report.undecided) == (16, 10, 2, 1, 2)
    assert report.kill_rate == pytest.approx(10 / 13)
    assert report.complete
    dumped = report.model_dump(mode="json")
    assert dumped["kill_rate"] == pytest.approx(10 / 13) and dumped["tasks"][0]["x_only"] == 1
    broken = TaskAudit(task_id="c", suite="s", status=AuditStatus.REFERENCE_FAILS)
    assert broken.kill_rate is None
    assert not report.model_copy(update={"tasks": [first, broken]}).complete


def test_the_audit_passes_when_the_suite_and_every_task_reach_the_kill_rate_with_few_undecided() -> None:
    strong = TaskAudit(task_id="strong", suite="s", status=AuditStatus.AUDITED, mutants=100, killed=99,
                       survivors=[_survivor("constant-1-1-1", "different", replay_kills=True)])
    weak = TaskAudit(task_id="weak", suite="s", status=AuditStatus.AUDITED, mutants=10, killed=9,
                     survivors=[_survivor("constant-1-1-1", "different", replay_kills=True)])
    report = AuditReport(suite="s", simulator=None, sample=None, seed=0, tasks=[strong])
    assert report.shortfalls(0.98) == []
    with_weak = report.model_copy(update={"tasks": [strong, weak]})
    assert with_weak.kill_rate == pytest.approx(108 / 110)  # the suite passes, one of its tasks does not
    assert with_weak.shortfalls(0.98) == ["weak: kill rate 90.0%"]
    undecided = TaskAudit(task_id="undecided", suite="s", status=AuditStatus.AUDITED, mutants=100, killed=97,
                          survivors=[_survivor(f"constant-1-1-{i}", "unknown") for i in range(3)])
    assert report.model_copy(update={"tasks": [undecided]}).shortfalls(0.97) == [
        "suite: 3 undecided survivors, 3.0% of the counted mutants"]
    broken = TaskAudit(task_id="broken", suite="s", status=AuditStatus.REFERENCE_FAILS, message="the reference: x")
    assert report.model_copy(update={"tasks": [strong, broken]}).shortfalls(0.98) == [
        "broken: reference_fails (the reference: x)"]


def test_the_rtl_templates_blocks_become_a_suite_of_tasks(tmp_path: Path) -> None:
    suite = templates_suite(tmp_path)
    assert suite.name == "rtl_templates" and suite.problems == []
    ids = [task.id for task in suite.tasks]
    assert "sync_fifo" in ids and len(ids) == len(set(ids)) >= 10
    for task in suite.tasks:
        assert task.suite == "rtl_templates" and task.folder.parent == tmp_path / "rtl_templates"
        assert f"module {task.config.top}" in task.reference_text()
        assert (task.folder / f"test_{task.id}.py").is_file()


def _mutants(count: int) -> list[Mutant]:
    return [Mutant(id=f"constant-{i}-1-1", operator=MutationOperator.CONSTANT, line=i, description=f"line {i}: x",
                   source="") for i in range(count)]


def test_batches_keep_within_the_time_limit_and_fill_every_process(tmp_path: Path) -> None:
    task = load_suite("accel").tasks[0]  # a simulation time limit of 30 s
    reference = Result(task_id=task.id, simulator="icarus", status=Status.PASS, durations_s={Stage.SIMULATE: 1.0})
    batches = _batches(task, reference, _mutants(40), slots=2)
    assert [len(b) for b in batches] == [8, 8, 8, 8, 8]  # 30 s x 0.3 at 1 s an answer: at most 9
    assert [m for batch in batches for m in batch] == _mutants(40)
    assert [len(b) for b in _batches(task, reference, _mutants(3), slots=2)] == [1, 2]  # both processes busy
    slow = reference.model_copy(update={"durations_s": {Stage.SIMULATE: 60.0}})
    assert {len(b) for b in _batches(task, slow, _mutants(3), slots=1)} == {1}


def _weak_task(tmp_path: Path) -> Task:
    return load_suite(write_weak_task(tmp_path / "weak", "acc", REFERENCE).parent).tasks[0]


def test_a_replay_test_is_python_that_drives_every_cycle_and_checks_where_the_mutant_differs(tmp_path: Path) -> None:
    task = _weak_task(tmp_path)
    counterexample = Counterexample(cycles=[
        CycleValues(cycle=0, inputs={"rst_n": "0", "en": "0", "d": "0000"}, reference={"zero": "x"},
                    answer={"zero": "1"}),
        CycleValues(cycle=1, inputs={"rst_n": "1", "en": "1", "d": "1x10"}, reference={"zero": "1"},
                    answer={"zero": "0"})], differing=[(1, "zero")])
    survivor = _survivor("relational-15-22-1", "different").model_copy(update={"counterexample": counterexample})
    test = replay_test(task, survivor)
    module = replay_module(task, [test])
    tree = ast.parse(module)
    assert [node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)] == [
        "audit_replay", "audit_relational_15_22_1"]
    assert '({"rst_n": 0x0, "en": 0x0, "d": 0x0}, {}),' in test  # the reference's x: a don't-care
    assert '({"rst_n": 0x1, "en": 0x1, "d": 0xa}, {"zero": 0x1}),' in test  # an undefined input bit: driven 0
    assert "Clock(dut.clk, 10, unit=\"ns\").start(start_high=False)" in module


# --- a weak testbench, audited for real (Icarus, the equivalence checker) --------------------------

@pytest.fixture(scope="module")
def weak_audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditReport, Path]:
    suite = tmp_path_factory.mktemp("audit") / "weak"
    write_weak_task(suite, "acc", REFERENCE)
    write_weak_task(suite, "broken", REFERENCE.replace("q + addend[3:0]", "q - addend[3:0]"))
    report = audit_suite(load_suite(suite), suite.parent / "work", jobs=2)
    return report, suite


@pytest.mark.slow
def test_a_weak_testbench_lets_mutants_survive_and_the_checker_sorts_them(weak_audit) -> None:
    report, _ = weak_audit
    acc = next(t for t in report.tasks if t.task_id == "acc")
    assert acc.status == AuditStatus.AUDITED and acc.generated == acc.mutants + acc.stillborn + acc.errors
    survivors = {s.description: s for s in acc.survivors}
    # zero is never looked at: its comparison turned over passes, and differs from the reference on
    # an input sequence that the replay test turns into a failure of the mutant, a pass of the reference
    flipped = survivors["line 15: '==' -> '!='"]
    assert flipped.equivalence == "different"
    cex = flipped.counterexample
    assert cex is not None and cex.vcd is not None and Path(cex.vcd).is_file()
    cycle = next(cycle for cycle, name in cex.differing if name == "zero")
    row = next(row for row in cex.cycles if row.cycle == cycle)
    assert {row.reference["zero"], row.answer["zero"]} == {"0", "1"}
    assert flipped.test_passes_reference and flipped.test_kills_mutant and flipped.is_gap
    assert acc.gaps >= 1 and any(line.startswith("acc: kill rate") for line in report.shortfalls(0.98))
    # the high half of addend is never used: editing it is no mistake at all
    redundant = survivors["line 10: 4'd0 -> 4'd1"]
    assert redundant.is_equivalent, redundant.label
    assert acc.equivalent >= 1 and acc.kill_rate == pytest.approx(acc.killed / (acc.mutants - acc.equivalent))
    assert acc.kill_rate < 1
    assert f"async def audit_{flipped.mutant_id.replace('-', '_')}(dut):" in acc.snippet


@pytest.mark.slow
def test_a_reference_that_fails_its_own_tests_is_reported_not_audited(weak_audit) -> None:
    report, _ = weak_audit
    broken = next(t for t in report.tasks if t.task_id == "broken")
    assert broken.status == AuditStatus.REFERENCE_FAILS and "fail_functional" in broken.message
    assert broken.mutants == 0 and not report.complete


@pytest.mark.slow
def test_the_snippet_pasted_into_the_tests_kills_every_different_survivor(weak_audit, tmp_path: Path) -> None:
    report, suite = weak_audit
    acc = next(t for t in report.tasks if t.task_id == "acc")
    different = [s for s in acc.survivors if s.is_different and s.test_kills_mutant]
    assert different
    strengthened = tmp_path / "strong"
    shutil.copytree(suite / "acc", strengthened / "acc")
    test_file = strengthened / "acc" / "test_acc.py"
    test_file.write_text(test_file.read_text() + "\n\n" + acc.snippet)
    task = load_suite(strengthened).tasks[0]
    mutants = {m.id: m for m in generate_mutants(task.reference_text(), task.config.reset).mutants}
    answers = [task.reference_text(), *(mutants[s.mutant_id].source for s in different)]
    results = get_scorer(task.kind).score(task, answers, ScoreOptions(workdir=tmp_path / "scoring"))
    assert results[0].status == Status.PASS, results[0].message
    assert [r.status for r in results[1:]] == [Status.FAIL_FUNCTIONAL] * len(different)


@pytest.mark.slow
def test_rtlwb_audit_json_on_two_accel_tasks(tmp_path: Path) -> None:
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "audit", "accel", "-t", "abs_diff",
                           "-t", "leaky_relu", "--json", "-q", "-j", "2", "--min-kill", "0", "--snippets",
                           str(tmp_path / "snippets")], capture_output=True, text=True, env=env, timeout=1800)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["suite"], report["status"], report["min_kill"]) == ("accel", "pass", 0)
    assert [(t["task_id"], t["suite"], t["status"]) for t in report["tasks"]] == [
        ("abs_diff", "accel", "audited"), ("leaky_relu", "accel", "audited")]
    for task in report["tasks"]:
        assert task["mutants"] > 0 and task["killed"] + len(task["survivors"]) == task["mutants"]
        assert task["kill_rate"] == pytest.approx(task["killed"] / (task["mutants"] - task["equivalent"]))
        for survivor in task["survivors"]:
            assert survivor["equivalence"] in ("equivalent", "equivalent-bounded", "different", "unknown",
                                               "unsupported")
        written = tmp_path / "snippets" / f"{task['task_id']}.py"
        assert written.is_file() == bool(task["snippet"])
    assert report["kill_rate"] == pytest.approx(report["killed"] / (report["mutants"] - report["equivalent"]))
