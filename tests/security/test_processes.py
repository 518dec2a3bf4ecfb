"""Classes 5 and 6: processes that outlive their scoring, and fork bombs.

When scoring returns, nothing the answer started may still run: not a daemon in a session of its
own (C++ static initializer, Verilator $c, Scala setsid), not a plain child of a compile server
that stays warm, not a thread left in that server (which would write into the folders of the
candidates scored after it), not a simulator spinning at time 0 after its scorer timed out. The
marker a survivor writes a few seconds later must never appear. A fork bomb ends as ``crash`` or
``timeout`` within the task's limit, a process limit holds it, and the machine's process count
comes back to where it was.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.security.conftest import (
    ACCEL_TASK,
    PeakCounter,
    answer_text,
    copy_accel_task,
    copy_hls_task,
    describe,
    evidence_in,
    fenced,
    hls_answer,
    process_count,
    settled_count,
    survivors,
    verilator_accepts,
)
from workbench import ScoreOptions, Status, score
from workbench.scorer.hls_debug import score_fix

LATE_S = 3  # the survivors write their marker this long after they start
CHISEL_REFERENCE = (ACCEL_TASK / "reference.scala").read_text()


def _late_files(scene, after: float = 0.0) -> list[str]:
    return [str(path) for path in scene.root.rglob(f"late-{scene.mark}") if path.stat().st_mtime > after]


def _no_late_marker(scene, returned: float) -> None:
    """Wait until a survivor would have written its marker, and check that none did."""
    time.sleep(max(0.0, returned + LATE_S + 1.5 - time.monotonic()))
    late = _late_files(scene) + [str(path) for path in Path("/tmp").glob(f"late-{scene.mark}")]
    assert not late, f"written after scoring returned: {late}"


def test_an_hls_daemon_does_not_outlive_scoring(scene):
    task = copy_hls_task(scene.root / "hls")
    result = score_fix(task, hls_answer(answer_text("proc_cpp_daemon.cpp", mark=scene.mark)), scene.work)
    returned = time.monotonic()
    assert result.status == Status.FAIL_FUNCTIONAL, describe(result)
    assert evidence_in(scene.work, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    left = survivors(scene.mark, [scene.work])
    assert not left, f"still running after scoring: {left}"
    _no_late_marker(scene, returned)


def test_a_verilator_daemon_does_not_outlive_scoring(scene):
    task = copy_accel_task(scene.root / "suite")
    code = answer_text("proc_verilator_daemon.sv", mark=scene.mark)
    verilator_accepts(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), "verilator", ScoreOptions(workdir=scene.work))
    returned = time.monotonic()
    assert result.status in (Status.FAIL_COMPILE, Status.FAIL_FUNCTIONAL), describe(result)
    if result.status == Status.FAIL_FUNCTIONAL:
        assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    left = survivors(scene.mark, [scene.work])
    assert not left, f"still running after scoring: {left}"
    _no_late_marker(scene, returned)


def test_children_of_a_chisel_elaboration_do_not_outlive_scoring(scene):
    task = copy_accel_task(scene.root / "suite")
    answer = fenced(answer_text("proc_scala_children.scala", mark=scene.mark, workdir=scene.work), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    returned = time.monotonic()
    assert result.status == Status.FAIL_FUNCTIONAL, describe(result)
    assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    left = survivors(scene.mark, [scene.work])
    assert not left, f"still running after scoring: {left}"
    _no_late_marker(scene, returned)


@pytest.mark.slow
def test_a_thread_left_in_the_chisel_server_does_not_reach_later_candidates(scene):
    task = copy_accel_task(scene.root / "suite")
    options = ScoreOptions(workdir=scene.work, language="chisel")
    answer = fenced(answer_text("proc_scala_thread.scala", mark=scene.mark, workdir=scene.work), "scala")
    hostile = score(task, answer, "icarus", options)
    returned = time.time()
    assert hostile.status == Status.FAIL_FUNCTIONAL, describe(hostile)
    assert evidence_in(hostile.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(hostile)
    later = score(task, fenced(CHISEL_REFERENCE, "scala"), "icarus", options)  # the next candidate
    assert later.status == Status.PASS, describe(later)
    time.sleep(max(0.0, returned + 6 - time.time()))  # the thread writes from 4 s after elaboration on
    late = _late_files(scene, after=returned + 0.5)
    assert not late, f"written after the hostile answer's scoring returned: {late}"


@pytest.mark.parametrize("name", ["proc_spin_forever.sv", "proc_spin_zero_delay.sv"])
def test_a_spinning_simulator_is_gone_when_its_timeout_is_reported(name, scene):
    task = copy_accel_task(scene.root / "suite", limits="sim_s = 3")
    started = time.monotonic()
    result = score(task, fenced(answer_text(name), "systemverilog"), "icarus", ScoreOptions(workdir=scene.work))
    assert result.status == Status.TIMEOUT, describe(result)  # it really hung
    assert time.monotonic() - started < 3 + 15
    left = survivors(scene.mark, [scene.work], grace_s=1.0)
    assert not left, f"still running after the timeout was reported: {left}"


# --- fork bombs ------------------------------------------------------------------------------
PROCESS_LIMIT = 1024  # a sandbox's process limit must hold a bomb well below this
NOISE = 40  # processes the other test worker may start or end meanwhile


@pytest.mark.slow
def test_an_hls_fork_bomb_ends_and_is_held(scene):
    task = copy_hls_task(scene.root / "hls")
    baseline = process_count()
    started = time.monotonic()
    with PeakCounter(scene.mark, [scene.work]) as peak:
        result = score_fix(task, hls_answer(answer_text("bomb_cpp.cpp", mark=scene.mark)), scene.work)
    elapsed = time.monotonic() - started
    assert result.status in (Status.CRASH, Status.TIMEOUT), describe(result)
    assert evidence_in(scene.work, f"HOSTILE-RAN-{scene.mark}"), describe(result)  # it compiled and ran
    assert elapsed < 60, f"scoring took {elapsed:.0f} s"
    left = survivors(scene.mark, [scene.work], grace_s=5.0)
    assert not left, f"{len(left)} bomb processes still running"
    count = settled_count(baseline, NOISE)
    assert count <= baseline + NOISE, f"{count} processes after the bomb, {baseline} before"
    assert 0 < peak.peak < PROCESS_LIMIT, f"the bomb peaked at {peak.peak} processes (0: unseen)"


@pytest.mark.slow
def test_a_chisel_fork_bomb_ends_and_is_held(scene):
    task = copy_accel_task(scene.root / "suite", limits="compile_s = 20")
    baseline = process_count()
    started = time.monotonic()
    answer = fenced(answer_text("bomb_scala.scala", mark=scene.mark), "scala")
    with PeakCounter(scene.mark, [scene.work]) as peak:
        result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    elapsed = time.monotonic() - started
    # A JVM whose process starts fail ends its elaboration with an exception: a compile failure.
    assert result.status in (Status.CRASH, Status.TIMEOUT, Status.FAIL_COMPILE), describe(result)
    assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)  # elaboration ran
    assert elapsed < 20 + 30, f"scoring took {elapsed:.0f} s"
    left = survivors(scene.mark, [scene.work], grace_s=5.0)
    assert not left, f"{len(left)} bomb processes still running"
    count = settled_count(baseline, NOISE)
    assert count <= baseline + NOISE, f"{count} processes after the bomb, {baseline} before"
    assert 0 < peak.peak < PROCESS_LIMIT, f"the bomb peaked at {peak.peak} processes (0: unseen)"
