"""Chisel answers' elaboration, shared by the simulation scorer and ``rtlwb generate``: the
Scala source compiled and elaborated to SystemVerilog, or the verdict of a build that failed."""

from __future__ import annotations

import time
from pathlib import Path

from workbench.hdl.chisel import CHISEL_VERSION, FIRTOOL_VERSION, compile_chisel
from workbench.scorer.result import Result, Stage, Status

# The server's verdicts and the harness's own (timeout, crash, infra); an unknown one is a crash.
# Only "infra" is the harness's fault: it comes from its own state, never from the server's words.
_STATUSES = {
    "scala": Status.FAIL_COMPILE,
    "elaboration": Status.FAIL_COMPILE,
    "firtool": Status.FAIL_COMPILE,
    "internal": Status.CRASH,
    "crash": Status.CRASH,
    "timeout": Status.TIMEOUT,
    "infra": Status.INFRA_ERROR,
}


def elaborate_chisel(source: str, top: str, folder: Path, limit_s: float, result: Result) -> str | None:
    """The SystemVerilog that ``source`` (top class ``top``) elaborates to, built in ``folder``; or
    None with ``result`` concluded with the build's failure (its log in the diagnostics). Raises
    :class:`~workbench.hdl.chisel.ChiselUnavailable` when the toolchain is missing."""
    result.tool_versions |= {"chisel": CHISEL_VERSION, "firtool": FIRTOOL_VERSION}
    started = time.monotonic()
    try:
        build = compile_chisel(source, top, folder, limit_s)
    finally:
        result.durations_s[Stage.CHISEL] = time.monotonic() - started
    if build.verdict != "ok":
        result.diagnostics = build.log[-4000:]
        result.conclude(_STATUSES.get(build.verdict, Status.CRASH), build.failure_message(limit_s))
        return None
    return build.verilog

