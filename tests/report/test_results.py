"""results.json and the reports never say less than the run did: missing tasks, model errors, runs
never scored, different task sets, old run folders; and the totals of tokens and cost."""

from __future__ import annotations

import json
import re

import pytest

from workbench.eval.bench import Bench
from workbench.log.run import CompletionRecord, RunConfig, RunLog, SampleRecord
from workbench.model import ModelError, ScriptedModel
from workbench.report.render import html_report, load_runs, markdown, markdown_of
from workbench.report.results import (
    RESULTS_SCHEMA_VERSION,
    report_results,
    run_results,
    sign_test,
    write_results,
)
from workbench.scorer.result import HlsScore, Result, Status

SEVEN = ["relu", "clamp", "sat_add", "abs_diff", "popcount", "argmax", "leaky_relu"]
UNANSWERED = {"popcount", "argmax"}


def _answers(context):
    """relu right, two tasks never answered (the server fails), the others wrong (no code)."""
    if context.task.id in UNANSWERED:
        raise ModelError("500 Internal Server Error", kind="server", attempts=3)
    if context.task.id == "relu":
        return f"```verilog\n{context.task.reference_text()}```"
    return "I cannot write this one."


@pytest.fixture(scope="module")
def partial_run(tmp_path_factory):
    runs = tmp_path_factory.mktemp("runs")
    config = RunConfig(suites=["accel"], tasks=SEVEN, model="flaky", n=1)
    Bench(config, ScriptedModel(_answers), runs, run_id="partial").run()
    return runs / "partial"


def test_two_of_seven_tasks_unanswered_is_incomplete_in_results_json(partial_run):
    results = run_results(partial_run)
    assert results.state == "incomplete" and not results.complete
    assert set(results.missing_tasks) == {f"accel/{t}" for t in UNANSWERED}
    assert set(results.incomplete_tasks) == {f"accel/{t}" for t in UNANSWERED}
    assert results.tasks == 7 and results.scored_tasks == 5
    assert [(p.k, p.value, p.tasks) for p in results.pass_at_k] == [(1, pytest.approx(0.2), 5)]
    assert results.model_errors.count == 2 and results.model_errors.by_kind == {"server": 2}
    assert {(e.task_id, e.sample, e.kind, e.attempts) for e in results.model_errors.errors} == {
        ("popcount", 0, "server", 3), ("argmax", 0, "server", 3)}
    assert results.samples_expected == 7 and results.samples == 5 and results.not_attempted == 0
    assert {t.task_id: t.outcome for t in results.per_task if t.outcome == "missing"} == {
        "popcount": "missing", "argmax": "missing"}

    path = write_results(partial_run)
    saved = json.loads(path.read_text())
    assert saved["schema_version"] == RESULTS_SCHEMA_VERSION
    assert (saved["state"], saved["complete"]) == ("incomplete", False)
    assert set(saved["missing_tasks"]) == {"accel/popcount", "accel/argmax"}
    assert saved["planned_tasks"] == [f"accel/{t['task_id']}" for t in saved["per_task"]]
    assert {"task_id", "suite", "sample", "kind", "message", "attempts"} <= set(saved["model_errors"]["errors"][0])

    several = json.loads(report_results([results]).model_dump_json())  # what bench report --json prints
    assert several["schema_version"] == RESULTS_SCHEMA_VERSION
    assert several["runs"][0]["state"] == "incomplete"
    assert any("popcount" in w and "argmax" in w and "incomplete" in w for w in several["warnings"])


def test_two_of_seven_tasks_unanswered_is_incomplete_in_both_reports(partial_run):
    runs = load_runs([partial_run])
    text = markdown(runs)
    warning = next(line for line in text.splitlines() if "is incomplete" in line)
    assert "accel/popcount" in warning and "accel/argmax" in warning
    assert "| INCOMPLETE |" in text and "| 5 of 7 judged |" in text
    assert "20.0 [0.0, 60.0] over 5 of 7 tasks" in text  # the figure says what it is over
    assert "## Model errors (samples without an answer)" in text
    page = html_report(runs)
    alert = re.search(r"<div class='warnings'.*?</div>", page, re.DOTALL).group(0)
    assert "accel/popcount" in alert and "accel/argmax" in alert
    missing_cells = re.findall(r"<tr><td>(accel/\w+)</td><td class='missing'", page)
    assert sorted(missing_cells) == ["accel/argmax", "accel/popcount"]  # drawn in the matrix
    assert page.count("data-status='model_error'") == 2  # and listed with the samples


def test_a_run_generated_but_never_scored_reads_not_scored(tmp_path):
    config = RunConfig(suites=["accel"], tasks=["relu", "clamp"], model="m", n=1)
    Bench(config, ScriptedModel(lambda c: "no code"), tmp_path, run_id="unscored").generate()
    results = run_results(tmp_path / "unscored")
    assert results.state == "not scored" and results.pass_at_k == [] and results.answered_not_scored == 2
    text = markdown(load_runs([tmp_path / "unscored"]))
    assert "| not scored |" in text and "NOT SCORED" in text and "0.0" not in text
    assert "is not scored" in text


def test_runs_over_different_task_sets_are_compared_on_their_common_tasks(tmp_path):
    def run(run_id: str, model: str, tasks: list[str], answer) -> None:
        Bench(RunConfig(suites=["accel"], tasks=tasks, model=model, n=1), ScriptedModel(answer), tmp_path,
              run_id=run_id).run()

    run("wide", "wide", ["relu", "clamp"], lambda c: f"```verilog\n{c.task.reference_text()}```"
        if c.task.id == "clamp" else "none")
    run("narrow", "narrow", ["relu"], lambda c: "none")
    report = report_results([run_results(tmp_path / "wide"), run_results(tmp_path / "narrow")])
    assert not report.same_tasks and report.common_tasks is not None
    assert report.common_tasks.tasks == ["accel/relu"]
    assert report.common_tasks.pass_at_k["wide"][0].value == 0.0  # wide's own pass@1 is 50.0
    assert report.runs[0].pass_at_k[0].value == 0.5
    assert any("different task sets" in w for w in report.warnings)
    paired = report.paired
    assert paired is not None and (paired.a_better, paired.b_better, paired.ties) == (0, 0, 1)
    text = markdown_of(report)
    assert "**Warning:** The runs pose different task sets" in text and "## Common tasks (1)" in text


def test_an_old_run_folder_without_its_task_list_still_reports(tmp_path):
    log = RunLog.open(tmp_path / "old", "old", RunConfig(suites=["accel"], model="m", n=1), {})
    assert log.info().tasks is None
    for task in ("relu", "clamp"):
        log.append_completion(CompletionRecord(task_id=task, suite="accel", sample=0, template="t", messages=[],
                                               completion="x", model="m"))
    log.append_sample(SampleRecord(suite="accel", sample=0, category="activation", difficulty="easy",
                                   spec_level="detailed", candidate_key="k",
                                   result=Result(task_id="relu", simulator="icarus", status=Status.PASS)))
    results = run_results(tmp_path / "old")
    assert not results.planned_tasks_recorded and results.planned_tasks == ["accel/clamp", "accel/relu"]
    assert results.state == "incomplete" and results.incomplete_tasks == ["accel/clamp"]
    assert results.answered_not_scored == 1


def test_tokens_and_cost_count_only_answers_not_from_the_cache(tmp_path):
    log = RunLog.open(tmp_path / "paid", "paid", RunConfig(suites=["accel"], model="m", n=3), {},
                      tasks=["accel/relu"])
    for sample, cached, cost in ((0, False, 0.5), (1, True, 0.0), (2, False, 0.25)):
        log.append_completion(CompletionRecord(task_id="relu", suite="accel", sample=sample, template="t",
                                               messages=[], completion="x", model="m", cached=cached,
                                               input_tokens=100, output_tokens=40, cost_usd=cost))
    usage = run_results(tmp_path / "paid").usage
    assert (usage.answers, usage.cached_answers, usage.model_calls) == (3, 1, 2)
    assert (usage.input_tokens, usage.output_tokens, usage.cost_usd) == (200, 80, 0.75)
    text = markdown(load_runs([tmp_path / "paid"]))
    assert "| m · direct | 3 | 1 | 2 | 200 | 80 | 0.7500 | - |" in text


def test_hls_runs_show_no_sections_that_mean_nothing_for_them(tmp_path):
    log = RunLog.open(tmp_path / "hls", "hls", RunConfig(suites=["hls"], model="m", n=1), {},
                      tasks=["hls/fir", "hls/crc"])
    for task, category, status in (("fir", "dsp", Status.PASS), ("crc", "bits", Status.FAIL_COMPILE)):
        log.append_sample(SampleRecord(
            suite="hls", sample=0, category=category, difficulty="easy", spec_level="detailed", candidate_key=task,
            scorer="hls@1", result=Result(task_id=task, simulator="g++", status=status, hls=HlsScore(line_top1=True))))
    results = run_results(tmp_path / "hls")
    assert results.compile_rate is None and results.by_spec_level == []
    text = markdown(load_runs([tmp_path / "hls"]))
    assert "compiled %" not in text and "spec detail" not in text
    assert "## HLS debugging: bug localization" in text and "## pass@1 by category" in text


def test_pass_at_k_curve_runs_over_every_k_up_to_n(tmp_path):
    log = RunLog.open(tmp_path / "curve", "curve", RunConfig(suites=["accel"], model="m", n=4, k=[1]), {},
                      tasks=["accel/relu", "accel/clamp"])
    for task, passes in (("relu", 1), ("clamp", 0)):
        for sample in range(4):
            status = Status.PASS if sample < passes else Status.FAIL_FUNCTIONAL
            log.append_sample(SampleRecord(suite="accel", sample=sample, category="activation", difficulty="easy",
                                           spec_level="detailed", candidate_key=f"{task}{sample}",
                                           result=Result(task_id=task, simulator="icarus", status=status)))
    results = run_results(tmp_path / "curve")
    assert [p.k for p in results.pass_at_k] == [1]  # the k asked for
    assert [(p.k, p.value) for p in results.pass_at_k_curve] == [(1, 0.125), (2, 0.25), (3, 0.375), (4, 0.5)]


def test_sign_test():
    assert sign_test(0, 0) is None
    assert sign_test(3, 3) == 1.0
    assert sign_test(10, 0) == pytest.approx(2 / 2**10)
    assert sign_test(1, 9) == pytest.approx(2 * 11 / 2**10)


def test_committed_schema_is_current_and_describes_results_json(partial_run):
    from pathlib import Path

    from workbench.report.results import results_schema

    committed = Path(__file__).parents[2] / "docs" / "results.schema.json"
    schema = results_schema()
    assert json.loads(committed.read_text()) == schema, (
        "regenerate: .venv/bin/python -c 'import json; from workbench.report.results import results_schema; "
        "print(json.dumps(results_schema(), indent=2))' > docs/results.schema.json")
    saved = json.loads(write_results(partial_run).read_text())
    run_schema = schema["$defs"]["RunResults"]
    assert set(run_schema["required"]) <= set(saved) and set(saved) <= set(run_schema["properties"])
    assert schema["$defs"]["RunResults"]["properties"]["schema_version"]["default"] == RESULTS_SCHEMA_VERSION
