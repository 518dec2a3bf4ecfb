"""Classes 2 and 3: forging a pass, and poisoning the task for the answers after it.

A wrong design must never score ``pass``, whatever it writes or prints: a results file forged by
inline C++ (then a clean exit before cocotb writes its own), one overwritten from a Verilog final
block after cocotb wrote it, or log lines that look like a passing regression. And an answer that
rewrites its task's testbench must leave every file of the task as it was, so that the all-zero
stub scored after it still fails.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import (
    ANSWER_FAILURES,
    answer_text,
    copy_accel_task,
    copy_hls_task,
    describe,
    evidence_in,
    fenced,
    hls_answer,
    icarus_accepts,
    kernel_folder,
    tree_digest,
    verilator_accepts,
    writable_by_us,
    zero_kernel,
)
from workbench import ScoreOptions, Status, port_only_stub, score
from workbench.scorer.hls_debug import score_fix


def _ran(result, mark: str) -> bool:
    return evidence_in(result.artefacts, f"HOSTILE-RAN-{mark}")


@pytest.mark.parametrize(("name", "sim"), [
    ("verdict_verilator_results.sv", "verilator"),
    ("verdict_final_block.sv", "icarus"),
    ("verdict_final_block.sv", "verilator"),
    ("verdict_fake_pass_lines.sv", "icarus"),
])
def test_a_wrong_design_cannot_forge_a_pass(name, sim, scene):
    task = copy_accel_task(scene.root / "suite")
    code = answer_text(name, mark=scene.mark)
    (icarus_accepts if sim == "icarus" else verilator_accepts)(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert result.status != Status.PASS, describe(result)
    assert result.status in ANSWER_FAILURES, describe(result)
    if result.status != Status.FAIL_COMPILE:  # not refused: then it must really have run
        assert _ran(result, scene.mark), describe(result)


def test_a_chisel_answer_cannot_forge_a_pass_after_its_elaboration(scene):
    task = copy_accel_task(scene.root / "suite")
    answer = fenced(answer_text("verdict_scala_daemon.scala", mark=scene.mark, workdir=scene.work), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    assert result.status != Status.PASS, describe(result)
    assert result.status in ANSWER_FAILURES, describe(result)
    assert _ran(result, scene.mark), describe(result)


# --- poisoning -------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "sim"), [("poison_icarus.sv", "icarus"), ("poison_verilator.sv", "verilator")])
def test_a_verilog_answer_cannot_rewrite_its_tasks_testbench(name, sim, scene):
    task = copy_accel_task(scene.root / "suite")
    writable_by_us(task.folder)
    before = tree_digest(task.folder)
    code = answer_text(name, mark=scene.mark, task_dir=task.folder)
    (icarus_accepts if sim == "icarus" else verilator_accepts)(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert result.status in ANSWER_FAILURES, describe(result)
    if result.status != Status.FAIL_COMPILE:
        assert _ran(result, scene.mark), describe(result)
    assert tree_digest(task.folder) == before, "the answer changed its task's files"
    stub = score(task, fenced(port_only_stub(task.config), "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert stub.status == Status.FAIL_FUNCTIONAL, describe(stub)


def test_a_chisel_answer_cannot_rewrite_its_tasks_testbench(scene):
    task = copy_accel_task(scene.root / "suite")
    writable_by_us(task.folder)
    before = tree_digest(task.folder)
    answer = fenced(answer_text("poison_scala.scala", mark=scene.mark, task_dir=task.folder), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    assert result.status in ANSWER_FAILURES, describe(result)
    assert _ran(result, scene.mark), describe(result)
    assert tree_digest(task.folder) == before, "the answer changed its task's files"
    stub = score(task, fenced(port_only_stub(task.config), "systemverilog"), "icarus", ScoreOptions(workdir=scene.work))
    assert stub.status == Status.FAIL_FUNCTIONAL, describe(stub)


def test_an_hls_answer_cannot_rewrite_its_kernels_testbench(scene):
    task = copy_hls_task(scene.root / "hls")
    kernel = kernel_folder(task)
    writable_by_us(kernel)
    before = tree_digest(kernel)
    result = score_fix(task, hls_answer(answer_text("poison_cpp.cpp", mark=scene.mark, task_dir=kernel)),
                       scene.work / "hostile")
    assert result.status == Status.FAIL_FUNCTIONAL, describe(result)  # compiled, ran, and is wrong
    assert _ran(result, scene.mark), describe(result)
    assert tree_digest(kernel) == before, "the answer changed its kernel's files"
    stub = score_fix(task, hls_answer(zero_kernel()), scene.work / "stub")
    assert stub.status == Status.FAIL_FUNCTIONAL, describe(stub)
