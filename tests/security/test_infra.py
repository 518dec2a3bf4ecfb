"""Class 7: an answer laundering its failure as an infrastructure error.

``infra_error`` takes a sample out of the denominator, so a wrong answer that gets it is as good
as forgiven. Whether the harness failed must be decided from the harness's own state, never from
text the answer controls: messages printed by the simulation (then a crash, or a flood up to the
output limit), a compile error naming an `include file "No space left on device", a Chisel
elaboration that kills its compile server or writes the server's reply line itself. Each is the
answer's failure, and the other answers scored in the same call get their normal verdicts.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import (
    ACCEL_TASK,
    ANSWER_FAILURES,
    answer_text,
    copy_accel_task,
    describe,
    evidence_in,
    fenced,
    icarus_accepts,
    score_many_apart,
    verilator_accepts,
)
from workbench import ScoreOptions, Status, port_only_stub, score, score_many
from workbench.task.stub import chisel_port_only_stub

CHISEL_REFERENCE = (ACCEL_TASK / "reference.scala").read_text()


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_printed_infrastructure_messages_then_a_crash_are_the_answers_failure(sim, scene):
    task = copy_accel_task(scene.root / "suite")
    code = answer_text("infra_runtime_signatures.sv", mark=scene.mark)
    (icarus_accepts if sim == "icarus" else verilator_accepts)(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert result.status in ANSWER_FAILURES, describe(result)
    assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)  # nothing refused it


def test_a_flood_of_disk_full_messages_past_the_output_limit_is_the_answers_failure(scene):
    task = copy_accel_task(scene.root / "suite", limits="sim_s = 20\noutput_mb = 1")
    code = answer_text("infra_output_flood.sv")
    icarus_accepts(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), "icarus", ScoreOptions(workdir=scene.work))
    assert result.status in (Status.CRASH, Status.TIMEOUT), describe(result)


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_an_include_named_like_a_broken_machine_is_a_compile_failure(sim, scene):
    task = copy_accel_task(scene.root / "suite")
    result = score(task, fenced(answer_text("infra_compile_include.sv"), "systemverilog"), sim,
                   ScoreOptions(workdir=scene.work))
    assert result.status == Status.FAIL_COMPILE, describe(result)


@pytest.mark.slow
def test_laundering_answers_leave_their_batch_neighbours_alone(scene):
    task = copy_accel_task(scene.root / "suite")
    reference = fenced(ACCEL_TASK.joinpath("reference.sv").read_text(), "systemverilog")
    stub = fenced(port_only_stub(task.config), "systemverilog")
    hostile = [fenced(answer_text("infra_runtime_signatures.sv", mark=scene.mark), "systemverilog"),
               fenced(answer_text("infra_compile_include.sv"), "systemverilog")]
    results = score_many(task, [reference, hostile[0], stub, reference, hostile[1]], "icarus",
                         ScoreOptions(workdir=scene.work))
    verdicts = [result.status for result in results]
    assert verdicts[0] == verdicts[3] == Status.PASS, verdicts
    assert verdicts[2] == Status.FAIL_FUNCTIONAL, verdicts
    assert all(verdicts[i] in ANSWER_FAILURES for i in (1, 4)), verdicts


@pytest.mark.slow
def test_chisel_answers_that_subvert_their_compile_server_fail_alone(scene):
    task = copy_accel_task(scene.root / "suite")
    reference = fenced(CHISEL_REFERENCE, "scala")
    stub = fenced(chisel_port_only_stub(task), "scala")
    names = ("infra_scala_halt.scala", "infra_scala_exit.scala", "infra_scala_protocol.scala")
    halt, leave, reply = (fenced(answer_text(name, mark=scene.mark), "scala") for name in names)
    verdicts = score_many_apart(task, [halt, reference, leave, reply, stub], "icarus", scene.work, "chisel")
    shown = "\n".join(f"{status}: {message[:300]}" for status, message in verdicts)
    assert all(verdicts[i][0] in ANSWER_FAILURES for i in (0, 2, 3)), shown  # halt(0), exit(0), a forged reply
    assert [verdicts[i][0] for i in (1, 4)] == [Status.PASS, Status.FAIL_FUNCTIONAL], shown
