"""Class 8: hostile neighbours in a batch.

On Icarus, ``score_many`` simulates several answers of one task in one process, each in a scope of
the wrapper ``rtlwb_batch`` (``rtlwb_batch.c<i>``, see workbench/scorer/_batch.py). An answer that reaches
into another answer's scope (force through a hierarchical name, the same through $root hidden from
a text scan) or ends the simulation for everyone (a hidden $finish) must change no verdict: the
reference in the same call still passes, the all-zero stub still fails, and every answer gets the
verdict it gets when scored alone.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import ACCEL_TASK, answer_text, copy_accel_task, fenced
from workbench import ScoreOptions, Status, port_only_stub, score, score_many


@pytest.mark.parametrize("name", ["batch_force.sv", "batch_root.sv", "batch_finish.sv"])
def test_a_hostile_neighbour_changes_no_verdict_in_its_batch(name, scene):
    task = copy_accel_task(scene.root / "suite")
    options = ScoreOptions(workdir=scene.work)
    reference = fenced(ACCEL_TASK.joinpath("reference.sv").read_text(), "systemverilog")
    stub = fenced(port_only_stub(task.config), "systemverilog")
    # The stub is the third answer: scope c2 of a batch of all four.
    hostile = fenced(answer_text(name, victim="c2"), "systemverilog")
    answers = [reference, hostile, stub, reference]
    together = [result.status for result in score_many(task, answers, "icarus", options)]
    hostile_alone = score(task, hostile, "icarus", options).status
    assert hostile_alone != Status.PASS  # alone it has no neighbour to reach into
    alone = [Status.PASS, hostile_alone, Status.FAIL_FUNCTIONAL, Status.PASS]  # the reference's and the stub's
    assert together == alone, f"in one call {together}, alone {alone}"
