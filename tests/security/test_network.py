"""Class 9: an answer reaching the network.

The test listens on a port of 127.0.0.1 (and first connects to it itself, so the listener is known
to work); answers try to connect to it from a C++ static initializer, a Chisel elaboration
and Verilator's inline C++ (Icarus under cocotb has no $system). No connection may arrive.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Iterable

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
    verilator_accepts,
)
from workbench import ScoreOptions, Status, score
from workbench.scorer.hls_debug import score_fix


class Listener:
    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]

    def check_that_it_works(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5):
            connection, _ = self.server.accept()
            connection.close()

    def arrived(self, wait_s: float = 1.0) -> list[str]:
        """What the connections that arrived sent (empty: none arrived)."""
        received = []
        while select.select([self.server], [], [], wait_s)[0]:
            connection, peer = self.server.accept()
            connection.settimeout(2)
            try:
                received.append(f"{peer}: {connection.recv(200)!r}")
            except OSError:
                received.append(f"{peer}: (nothing sent)")
            connection.close()
            wait_s = 0.2
        return received


@pytest.fixture
def listener() -> Iterable[Listener]:
    listening = Listener()
    listening.check_that_it_works()
    yield listening
    listening.server.close()


def test_a_verilator_answer_reaches_no_listener(scene, listener):
    task = copy_accel_task(scene.root / "suite")
    code = answer_text("net_verilator_c.sv", mark=scene.mark, port=listener.port)
    verilator_accepts(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), "verilator", ScoreOptions(workdir=scene.work))
    assert result.status in ANSWER_FAILURES, describe(result)
    if result.status != Status.FAIL_COMPILE:
        assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    assert listener.arrived() == []


def test_an_hls_answer_reaches_no_listener(scene, listener):
    task = copy_hls_task(scene.root / "hls")
    result = score_fix(task, hls_answer(answer_text("net_cpp.cpp", mark=scene.mark, port=listener.port)), scene.work)
    assert result.status == Status.FAIL_FUNCTIONAL, describe(result)
    assert evidence_in(scene.work, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    assert listener.arrived() == []


def test_a_chisel_answer_reaches_no_listener(scene, listener):
    task = copy_accel_task(scene.root / "suite")
    answer = fenced(answer_text("net_scala.scala", mark=scene.mark, port=listener.port), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    assert result.status in ANSWER_FAILURES, describe(result)
    assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    assert listener.arrived() == []
