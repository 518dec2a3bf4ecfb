"""The scorer seam: every task kind's golden answer passes through ``workbench.score`` and through
``rtlwb score``, a wrong answer fails, and a simulator the task does not allow is refused before any
work. Real tools throughout (Icarus, SymbiYosys, g++, pytest with cocotb)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.hls.csim import toolchain_problem as hls_toolchain_problem
from workbench.importers import write_imported_suite
from workbench.importers.cvdp import import_cvdp
from workbench.importers.verilog_eval import read_verilog_eval
from workbench.scorer import ScoreOptions, SimulatorNotAllowedError, Status, get_scorer
from workbench.task.format import Task, TaskKind
from workbench.task.hls import bug_of
from workbench.task.stub import port_only_stub
from workbench.task.suite import find_task, load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported_root(tmp_path_factory) -> Path:
    """Imported suites of the synthetic fixtures, without their self-tests (the importers' tests run those)."""
    root = tmp_path_factory.mktemp("suites")
    tasks, skipped, manifest = read_verilog_eval(FIXTURES / "verilog_eval", "spec-to-rtl")
    write_imported_suite("verilog-eval-spec-to-rtl", tasks, root / "verilog-eval-spec-to-rtl", manifest, skipped,
                         simulators=[])
    import_cvdp(FIXTURES / "cvdp" / "synthetic.jsonl", root / "cvdp", check=False)
    return root


def _hdl_task(root: Path) -> Task:
    return next(t for t in load_suite(root / "verilog-eval-spec-to-rtl").tasks if t.id == "prob002_count4")


def _pytest_task(root: Path) -> Task:
    return next(t for t in load_suite(root / "cvdp").tasks if t.id == "cvdp_copilot_counter_0001")


def _never(task: Task) -> str:
    clock = task.config.clock.name if task.config.clock else "clk"
    return f"wrong: assert property (@(posedge {clock}) 1'b0);"


def _buggy_kernel(task: Task) -> str:
    return f"```cpp\n{bug_of(task.folder).buggy_source}```"


def _stub(task: Task) -> str:
    return port_only_stub(task.config)


# (how to find the task, how to write a wrong answer): one task of each kind
KINDS = {
    "accel (cocotb)": (lambda root: find_task("accel/sat_add"), _stub),
    "assertion": (lambda root: find_task("assert/gray_counter"), _never),
    "nl2sva": (lambda root: find_task("assert/gray_counter.hold"), _never),
    "hls-debug": (lambda root: find_task("hls/fir_last_tap_dropped"), _buggy_kernel),
    "imported hdl testbench": (_hdl_task, _stub),
    "imported pytest harness": (_pytest_task, _stub),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_golden_answer_passes_and_a_wrong_one_fails(kind, imported_root, tmp_path):
    task = KINDS[kind][0](imported_root)
    if task.kind == TaskKind.HLS_DEBUG and hls_toolchain_problem():
        pytest.skip(hls_toolchain_problem())
    options = ScoreOptions(workdir=tmp_path)
    golden = workbench.score(task, task.reference_text(), options=options)
    assert golden.status == Status.PASS, golden.summary() + "\n" + golden.diagnostics
    wrong = workbench.score(task, KINDS[kind][1](task), options=options)
    assert wrong.status.is_model_failure, wrong.summary()
    assert golden.artefacts.parent == tmp_path.resolve()


@pytest.mark.parametrize("kind", list(KINDS))
def test_rtlwb_score_passes_the_golden_answer(kind, imported_root, tmp_path):
    task = KINDS[kind][0](imported_root)
    if task.kind == TaskKind.HLS_DEBUG and hls_toolchain_problem():
        pytest.skip(hls_toolchain_problem())
    answer = tmp_path / "golden.txt"
    answer.write_text(task.reference_text())
    env = {**os.environ, "RTLWB_BENCHMARKS": str(imported_root), "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "score", "-t", f"{task.suite}/{task.id}",
                           "-c", str(answer), "--json"], capture_output=True, text=True, env=env, cwd=PROJECT,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["status"] == "pass"


def test_scorers_by_kind_say_whether_they_batch():
    assert get_scorer(TaskKind.SPEC_TO_RTL) is get_scorer("completion")
    assert (get_scorer("spec-to-rtl").name, get_scorer("spec-to-rtl").batches) == ("simulation", True)
    assert (get_scorer("assertion").name, get_scorer("nl2sva").name, get_scorer("hls-debug").name) == \
        ("formal", "formal", "hls")
    assert not get_scorer("assertion").batches and not get_scorer("hls-debug").batches


def test_a_simulator_the_task_does_not_allow_is_refused_before_any_work(imported_root, tmp_path):
    task = _hdl_task(imported_root)
    assert task.config.simulators == ["icarus"]
    with pytest.raises(SimulatorNotAllowedError, match=r"task verilog-eval-spec-to-rtl/prob002_count4 does not run on "
                                                       r"verilator; it allows icarus"):
        workbench.score(task, task.reference_text(), sim="verilator", options=ScoreOptions(workdir=tmp_path))
    assert not any(tmp_path.iterdir())
    answer = tmp_path / "golden.sv"
    answer.write_text(task.reference_text())
    env = {**os.environ, "RTLWB_BENCHMARKS": str(imported_root)}
    done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "score", "-t", f"{task.suite}/{task.id}",
                           "-c", str(answer), "--sim", "verilator"], capture_output=True, text=True, env=env,
                          cwd=PROJECT, timeout=120)
    assert done.returncode == 2 and "does not run on verilator" in done.stderr


def test_formal_and_hls_kinds_ignore_the_simulator(tmp_path):
    task = find_task("assert/gray_counter.hold")
    result = workbench.score(task, task.reference_text(), sim="verilator", options=ScoreOptions(workdir=tmp_path))
    assert result.status == Status.PASS and result.simulator == "formal"


def test_an_unknown_property_of_an_assertion_task_is_no_task():
    with pytest.raises(LookupError, match=r"no task 'assert/gray_counter\.nope'"):
        find_task("assert/gray_counter.nope")
