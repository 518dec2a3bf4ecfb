"""The HTML report of real runs (the reference and retrieval baselines on a few accel tasks), as
headless Chromium draws it: the charts have size and marks, the sample list shows only what its
filters (set from the address) let through, sorting orders it, and a matrix link opens its sample.

Chromium is Debian's package, installed by sim/setup.sh: without it this test fails, it never skips."""

from __future__ import annotations

import re

import pytest

from tests.report._chromium import SETUP_HINT, chromium, self_check
from workbench.eval.bench import Bench
from workbench.log.run import RunConfig
from workbench.model import get_model
from workbench.report.render import html_report, load_runs
from workbench.report.results import run_results

TASKS = ["relu", "clamp", "sat_add", "popcount"]  # two categories: the per-category bars are drawn too


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    try:
        chromium()
    except FileNotFoundError:
        pytest.fail(f"chromium is missing: {SETUP_HINT}", pytrace=False)
    runs = tmp_path_factory.mktemp("runs")
    for name in ("reference", "retrieval"):
        config = RunConfig(suites=["accel"], tasks=TASKS, model=name, n=1)
        Bench(config, get_model(name), runs, run_id=name, jobs=2).run()
    page = runs / "report.html"
    page.write_text(html_report(load_runs([runs / "reference", runs / "retrieval"])))
    return page, run_results(runs / "reference"), run_results(runs / "retrieval")


@pytest.mark.slow
def test_the_charts_are_drawn(report):
    page, _, _ = report
    check = self_check(page, "?selfcheck=1")
    charts = {chart["id"]: chart for chart in check["charts"]}
    assert {"chart-pass-at-k", "chart-verdicts", "chart-by-category", "chart-paired"} <= set(charts)
    for chart in charts.values():
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["marks"] > 0 and chart["drawn"] == chart["marks"], chart
    assert charts["chart-paired"]["marks"] == len(TASKS)  # one mark per common task
    assert charts["chart-pass-at-k"]["marks"] == 2  # n = 1: one point per run


@pytest.mark.slow
def test_a_filtered_sample_list_shows_only_what_it_should(report):
    page, reference, retrieval = report
    failing = sum(count for status, count in retrieval.status_counts.items() if status != "pass")
    assert reference.status_counts == {"pass": len(TASKS)} and failing > 0

    check = self_check(page, "?selfcheck=1#status=fail")
    assert check["samples"] == 2 * len(TASKS) and check["filters"]["status"] == "fail"
    assert len(check["visible"]) == failing
    assert all(s["group"] == "fail" and s["run"] == "retrieval" for s in check["visible"])

    check = self_check(page, "?selfcheck=1&run=reference&task=clamp")
    assert [(s["run"], s["task"]) for s in check["visible"]] == [("reference", "accel/clamp")]

    check = self_check(page, "?selfcheck=1#q=popcount&sort=-run")
    assert [(s["run"], s["task"]) for s in check["visible"]] == [("retrieval", "accel/popcount"),
                                                                 ("reference", "accel/popcount")]


@pytest.mark.slow
def test_a_matrix_link_opens_its_sample(report):
    page, _, _ = report
    links = re.findall(r"<a class='open-sample' href='#([\w-]+)'>", page.read_text())
    assert len(links) == 2 * len(TASKS)
    target = links[1]
    check = self_check(page, f"?selfcheck=1&status=pass#{target}")  # even when a filter hides it
    assert check["open"] == [target]
    assert target in {s["id"] for s in check["visible"]}
