from math import comb

import pytest

from workbench.log.run import SampleRecord
from workbench.report.metrics import bootstrap_interval, pass_at_k, summarize
from workbench.scorer.result import Result, Status


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (5, 0, 1, 0.0),          # c = 0
        (5, 5, 1, 1.0),          # c = n
        (5, 5, 5, 1.0),
        (5, 1, 5, 1.0),          # k = n with one success
        (5, 0, 5, 0.0),          # k = n without
        (5, 2, 1, 0.4),          # pass@1 = c / n
        (5, 2, 2, 1 - 3 / 10),   # 1 - C(3,2)/C(5,2)
        (10, 3, 5, 1 - 21 / 252),
        (1, 1, 1, 1.0),
    ],
)
def test_pass_at_k_hand_computed(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_matches_the_binomial_form_and_stays_stable_for_large_n():
    for n, c, k in [(20, 7, 3), (50, 1, 10), (100, 99, 50)]:
        assert pass_at_k(n, c, k) == pytest.approx(1 - comb(n - c, k) / comb(n, k))
    assert pass_at_k(1000, 1, 500) == pytest.approx(0.5)
    assert pass_at_k(2000, 3, 1) == pytest.approx(3 / 2000)


def test_pass_at_k_rejects_impossible_arguments():
    for n, c, k in [(5, 6, 1), (5, 2, 6), (5, 2, 0), (5, -1, 1)]:
        with pytest.raises(ValueError):
            pass_at_k(n, c, k)


def test_bootstrap_interval_brackets_the_mean_and_is_reproducible():
    values = [0.0, 1.0, 1.0, 0.5, 0.0, 1.0, 0.25, 0.75]
    low, high = bootstrap_interval(values, seed=3)
    assert low <= sum(values) / len(values) <= high
    assert 0.0 <= low < high <= 1.0
    assert bootstrap_interval(values, seed=3) == (low, high)
    assert bootstrap_interval([1.0, 1.0]) == (1.0, 1.0)


def _record(task: str, sample: int, status: Status, category: str = "arith", difficulty: str = "easy",
            message: str = "") -> SampleRecord:
    return SampleRecord(suite="s", sample=sample, category=category, difficulty=difficulty, spec_level="detailed",
                        candidate_key=f"{task}{sample}",
                        result=Result(task_id=task, simulator="icarus", status=status, message=message))


def test_summary_counts_failures_apart_and_excludes_infrastructure_errors_visibly():
    records = [
        _record("a", 0, Status.PASS), _record("a", 1, Status.FAIL_FUNCTIONAL),
        _record("b", 0, Status.FAIL_EXTRACT), _record("b", 1, Status.FAIL_COMPILE, category="mem", difficulty="hard"),
        _record("c", 0, Status.PASS), _record("c", 1, Status.INFRA_ERROR),
    ]
    summary = summarize(records, ks=[1, 2], n_expected=2)
    pass1 = {p.k: p for p in summary.pass_at_k}
    # a: 1 of 2; b: 0 of 2; c: 1 of 1 judged sample (its infra error is left out of n)
    assert pass1[1].value == pytest.approx((0.5 + 0.0 + 1.0) / 3)
    assert pass1[2].value == pytest.approx((1.0 + 0.0) / 2) and pass1[2].tasks == 2  # c has n=1 < k=2
    assert summary.infra_errors == 1 and summary.extraction_failures == 1
    assert summary.status_counts["fail_compile"] == 1
    assert summary.compile_rate == pytest.approx(3 / 5)
    assert summary.incomplete_tasks == ["s/c"] and not summary.complete
    assert {b.group for b in summary.by_category} == {"arith"}  # groups follow each task's first record


@pytest.mark.parametrize(
    ("status", "message", "kind"),
    [
        (Status.FAIL_COMPILE, "candidate.sv:3: syntax error", "fail_compile: syntax error"),
        (Status.FAIL_COMPILE, "candidate.sv:4: error: Unable to bind wire/reg/memory `enable'",
         "fail_compile: undeclared identifier"),
        (Status.FAIL_COMPILE, "candidate.sv:5: error: q is not a valid l-value in top.",
         "fail_compile: assignment to a wire"),
        (Status.FAIL_COMPILE, "%Error: candidate.sv:4:30: Can't find definition of variable: 'enable'",
         "fail_compile: undeclared identifier"),
        (Status.FAIL_COMPILE, "forbidden: $system (line 3): file, process and host access are not allowed",
         "fail_compile: forbidden construct"),
        (Status.FAIL_FUNCTIONAL, "reset: count holds unresolved bits: xxxx", "fail_functional: X or Z on an output"),
        (Status.FAIL_FUNCTIONAL, "corners: a=1 b=2: got 4, expected 3", "fail_functional: wrong values"),
        (Status.TIMEOUT, "simulation did not finish within 30 s", "timeout"),
    ],
)
def test_failure_kinds(status, message, kind):
    from workbench.report.metrics import failure_kind

    record = _record("a", 0, status, message=message)
    assert failure_kind(record) == kind
