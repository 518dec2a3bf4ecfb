"""workbench.tb inside the simulator: check_outputs_hold_over_falling_edge tells a design whose
state moves on the falling edge from one whose state moves on the rising edge, on both simulators.

round_robin_arbiter is the witness: its pointer is internal and its grant combinational, and its
model-based tests (stimulus on the falling edge) pass the falling-edge variant; only the check
fails it."""

from __future__ import annotations

import pytest

from workbench.scorer.result import Status
from workbench.scorer.simulation import score
from workbench.task.suite import find_task

TASK = find_task("accel/round_robin_arbiter")
RISING = "always_ff @(posedge clk)"


def _falling_edge_variant() -> str:
    reference = TASK.reference_text()
    assert reference.count(RISING) == 1
    return reference.replace(RISING, "always_ff @(negedge clk)")


@pytest.mark.slow
@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_only_the_check_fails_a_design_acting_on_the_falling_edge(sim):
    reference = score(TASK, TASK.reference_text(), sim)
    assert reference.status == Status.PASS, reference.summary()
    variant = score(TASK, _falling_edge_variant(), sim)
    assert variant.status == Status.FAIL_FUNCTIONAL, variant.summary()
    assert variant.tests_failed == 1, variant.summary()
    assert variant.message.startswith("state_moves_on_rising_edge_only:"), variant.message
    assert "outputs changed at the falling edge (grant " in variant.message, variant.message
