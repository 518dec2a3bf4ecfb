"""The second verdict in results.json and the reports: pass@k of samples that pass simulation and are
equivalent to the reference, the counts of equivalence statuses, the passes that are testbench gaps;
and nothing of it for a run that compares nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.log.run import EquivalenceRecord, RunConfig, RunLog, SampleRecord
from workbench.report.render import markdown_of
from workbench.report.results import report_results, run_results
from workbench.scorer import ScoreOptions
from workbench.scorer.result import EquivalenceScore, Result, Status

TABLE = "cycle  a  ref.y  ans.y\n    0  1      1      0  <- differs"


def _sample(task: str, sample: int, status: Status, key: str) -> SampleRecord:
    return SampleRecord(suite="s", sample=sample, category="c", difficulty="easy", spec_level="detailed",
                        candidate_key=key, result=Result(task_id=task, simulator="icarus", status=status))


def _verdict(task: str, key: str, status: str, depth: int | None = None) -> EquivalenceRecord:
    label = f"{status}:{depth}" if depth else status
    return EquivalenceRecord(suite="s", task_id=task, candidate_key=key, sample=0, equivalence=EquivalenceScore(
        status=status, label=label, depth=depth, reason="the outputs differ" if status == "different" else "",
        counterexample=TABLE if status == "different" else ""))


def _run(folder: Path, compared: list[str]) -> Path:
    """Task a: a proven pass, a bounded pass, a pass that differs; task b: a pass not checked yet, a failure."""
    config = RunConfig(suites=["s"], model="scripted", n=3)
    log = RunLog.open(folder, folder.name, config, {}, tasks=["s/a", "s/b"])
    for record in (_sample("a", 0, Status.PASS, "k0"), _sample("a", 1, Status.PASS, "k1"),
                   _sample("a", 2, Status.PASS, "k2"), _sample("b", 0, Status.PASS, "k3"),
                   _sample("b", 1, Status.FAIL_FUNCTIONAL, "k4"), _sample("b", 2, Status.FAIL_FUNCTIONAL, "k4")):
        log.append_sample(record)
    if compared:
        for verdict in (_verdict("a", "k0", "equivalent"), _verdict("a", "k1", "equivalent-bounded", 20),
                        _verdict("a", "k2", "different")):
            log.append_equivalence(verdict)
    log.record_scoring({"spec-to-rtl": "simulation@1"}, ScoreOptions(), compared)
    return log.folder


def test_pass_at_k_of_simulation_and_equivalence_counts_bounded_passes_and_not_unchecked_ones(tmp_path):
    results = run_results(_run(tmp_path / "with", ["s/a", "s/b"]))
    assert [p.value for p in results.pass_at_k] == [pytest.approx((1 + 1 / 3) / 2)]
    assert results.pass_at_k_equivalent is not None
    assert [p.value for p in results.pass_at_k_equivalent] == [pytest.approx((2 / 3 + 0) / 2)]
    assert {t.task_id: t.equivalent for t in results.per_task} == {"a": 2, "b": 0}
    counts = results.equivalence
    assert counts is not None and (counts.tasks, counts.passes, counts.unchecked) == (2, 4, 1)
    assert counts.by_status == {"equivalent": 1, "equivalent-bounded": 1, "different": 1, "differs-only-in-x": 0,
                                "unknown": 0, "unsupported": 0}
    assert [(g.task_id, g.sample, g.label, g.counterexample) for g in counts.passed_not_equivalent] == [
        ("a", 2, "different", TABLE)]
    report = report_results([results])
    assert any("1 simulation passes have no equivalence verdict yet" in w for w in report.warnings)

    text = markdown_of(report)
    assert "| pass@1 | pass@1 (sim + equivalent) |" in text
    assert "## Passed the testbench, not equivalent" in text
    assert "| s/a | 2 | different | the outputs differ |" in text
    assert f"```\n{TABLE}\n```" in text


def test_a_run_that_compares_nothing_says_nothing_of_equivalence(tmp_path):
    results = run_results(_run(tmp_path / "without", []))
    assert results.pass_at_k_equivalent is None and results.equivalence is None
    assert all(t.equivalent is None for t in results.per_task)
    assert "equivalen" not in markdown_of(report_results([results])).lower()


def test_beside_a_run_that_compares_a_run_that_does_not_shows_a_dash(tmp_path):
    runs = [run_results(_run(tmp_path / name, compared)) for name, compared in (("with", ["s/a"]), ("without", []))]
    text = markdown_of(report_results(runs))
    rows = [line for line in text.splitlines() if line.startswith("| scripted")]
    header = next(line for line in text.splitlines() if line.startswith("| run | run id"))
    column = header.split(" | ").index("pass@1 (sim + equivalent)")
    assert [row.split(" | ")[column] for row in rows[:2]] == ["66.7 [66.7, 66.7] over 1 of 2 tasks", "-"]
