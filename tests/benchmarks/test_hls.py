"""The hls suite proves itself: every golden kernel passes every check; every logic bug fails its
testbench (plain or sanitized build, or by timing out); every pragma bug passes C simulation and
is caught by the static pragma checker alone."""

from __future__ import annotations

import difflib

import pytest

from workbench.eval.selftest import check_hls_suite
from workbench.hls.csim import toolchain_problem
from workbench.task.hls import LOGIC_BUGS, PRAGMA_BUGS, load_hls_suite
from workbench.task.suite import suite_folders

SUITE = load_hls_suite(suite_folders()["hls"]) if "hls" in suite_folders() else None
pytestmark = pytest.mark.skipif(SUITE is None or toolchain_problem() is not None,
                                reason="no hls suite or no HLS toolchain")


def test_suite_has_the_kernels_and_bug_classes_it_promises():
    assert not SUITE.problems, SUITE.problems
    assert len(SUITE.kernels) >= 12
    logic = [b for b in SUITE.bugs if b.config.bug_class == "logic"]
    pragma = [b for b in SUITE.bugs if b.config.bug_class == "pragma"]
    assert len(logic) >= 40 and len(pragma) >= 8
    assert {b.config.type for b in logic} == set(LOGIC_BUGS)
    assert {b.config.type for b in pragma} == set(PRAGMA_BUGS)


@pytest.mark.parametrize("bug", SUITE.bugs if SUITE else [], ids=lambda bug: bug.id)
def test_a_buggy_file_changes_only_the_bug_and_carries_no_hint(bug):
    golden = bug.kernel.text(bug.kernel.config.source).splitlines()
    buggy = bug.buggy_source.splitlines()
    changed = [line for line in difflib.unified_diff(golden, buggy, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed, "the buggy file is the golden file"
    added = [line[1:] for line in changed if line.startswith("+")]
    assert not any("//" in line or "/*" in line for line in added), f"a changed line carries a comment: {added}"
    assert all(1 <= line <= len(buggy) for line in bug.config.lines)


@pytest.mark.slow
@pytest.mark.parametrize("name", [k.name for k in SUITE.kernels] if SUITE else [])
def test_golden_kernel_and_each_of_its_bugs(name, tmp_path):
    kernel = next(k for k in SUITE.kernels if k.name == name)
    SUITE_ONE = type(SUITE)(SUITE.name, [kernel], [b for b in SUITE.bugs if b.kernel is kernel])
    summary = check_hls_suite(SUITE_ONE, tmp_path, jobs=1)
    wrong = [f"{row.task_id or 'golden'}: failed {row.failed_checks} {row.detail}"
             for row in summary.rows if not row.ok]
    assert not wrong, "\n".join(wrong)
