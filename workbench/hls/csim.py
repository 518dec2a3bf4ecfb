"""HLS debugging tasks: buggy HLS C++ kernels, judged by C simulation and a static pragma check.

The suites' format (kernels and their bugs) is :mod:`workbench.task.hls`'s. A candidate fix
is compiled twice with g++ (plain, and with AddressSanitizer + UndefinedBehaviorSanitizer), runs
the testbench in both builds, prints the same random-vector outputs as the golden kernel, and
passes the static pragma checker (:mod:`workbench.hls.pragmas`). Every compile and run of a candidate
is untrusted native code, run in the sandbox (:mod:`workbench.sandbox`): its fresh folder is the
only place it can write, it reads the cached objects of the kernel's own files and the precompiled
HLS headers read-only, and it has time, memory, process and file-size limits and no network. Only
the trusted compiles of the kernel's own files and of the headers write the cache.
See docs/hls-tasks.md.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from pydantic import BaseModel

from workbench._paths import cache_dir
from workbench.hls.pragmas import check_pragmas
from workbench.sandbox import Limits, RunOutcome, call_isolated, clean_env, run_limited, tail
from workbench.task.hls import Kernel

SEEDS = (1, 2, 3)
CXX = "g++"
_STANDARD = "-std=c++17"
# Uninitialized locals get a non-zero pattern: an uninitialized read then fails the same way on
# every run instead of passing by the luck of a zeroed stack.
PLAIN_FLAGS = (_STANDARD, "-O1", "-ftrivial-auto-var-init=pattern")
# shift-base is off: the ap_types headers left-shift negative values (undefined in C++17, defined
# in C++20 and by every compiler); oversized shift amounts (shift-exponent) stay checked.
SANITIZED_FLAGS = (_STANDARD, "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize=shift-base",
                   "-fno-sanitize-recover=all")
_RUN_LIMITS = Limits(wall_s=10, memory_mb=2048, output_mb=16, processes=64)
# AddressSanitizer reserves terabytes of address space: it is held to its RSS limit instead.
_SANITIZED_RUN_LIMITS = Limits(wall_s=20, memory_mb=0, output_mb=16, processes=64)
_SANITIZER_ENV = {"ASAN_OPTIONS": "hard_rss_limit_mb=2048:detect_leaks=0:abort_on_error=0",
                  "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}
_COMPILE_LIMITS = Limits(wall_s=120, memory_mb=8192, output_mb=64)
_PRAGMA_LIMITS = Limits(wall_s=60, memory_mb=4096)
_PCH_LIMITS = Limits(wall_s=300, memory_mb=8192, output_mb=512)  # a precompiled header is ~85 MB


# --- toolchain --------------------------------------------------------------------------------
@functools.cache
def ap_types_dir() -> Path | None:
    """The HLS type headers (ap_int.h, ap_fixed.h, hls_stream.h, hls_math.h) of the hls4ml wheel."""
    try:
        folder = Path(str(distribution("hls4ml").locate_file("hls4ml/templates/vivado/ap_types")))
    except PackageNotFoundError:
        return None
    return folder if (folder / "ap_fixed.h").is_file() else None


def toolchain_problem() -> str | None:
    if shutil.which(CXX) is None:
        return "g++ is missing: install it (Debian: apt-get install g++), or run `make setup`"
    if ap_types_dir() is None:
        return ("the HLS type headers are missing: pip install --no-deps hls4ml "
                "(they ship under templates/vivado/ap_types)")
    return None


# --- C simulation -----------------------------------------------------------------------------
class HarnessFailure(RuntimeError):
    """The harness itself failed (the sandbox did not start a command, the disk is full): decided
    from the harness's state, never from what a candidate's compile or run printed."""


def _checked(outcome: RunOutcome) -> RunOutcome:
    if outcome.infra_failure:
        raise HarnessFailure(outcome.infra_failure)
    return outcome


class HlsCheck(StrEnum):
    COMPILE = "compile"
    TESTBENCH = "testbench"
    SANITIZERS = "sanitizers"
    RANDOM_VECTORS = "random vectors"
    PRAGMAS = "pragmas (static)"


class CheckOutcome(BaseModel):
    check: HlsCheck
    ok: bool
    detail: str = ""
    timed_out: bool = False


@dataclass(frozen=True)
class _Build:
    binary: Path | None
    log: str


def build(kernel: Kernel, source: str, main: str, folder: Path, sanitized: bool) -> _Build:
    """``source`` (the kernel) linked with ``main`` (the testbench or the driver) in ``folder``.
    The kernel's own files are compiled once and cached: only the candidate is compiled each time."""
    flavour = "sanitized" if sanitized else "plain"
    folder.mkdir(parents=True, exist_ok=True)
    candidate = _compile(kernel, source, folder, flavour)
    if candidate.binary is None:
        return candidate
    other = _cached_object(kernel, main, flavour)
    if other.binary is None:
        raise RuntimeError(f"{kernel.folder / main} does not compile: {_first_error(other.log)}")
    binary = folder / f"{Path(main).stem}-{flavour}"
    argv = [CXX, *_flags(flavour), candidate.binary.name, str(other.binary), "-o", binary.name]
    outcome = _checked(run_limited(argv, folder, clean_env(), _COMPILE_LIMITS, folder / "link.log",
                                   readable=(other.binary.parent,)))
    return _Build(binary if outcome.ok and binary.is_file() else None, tail(folder / "link.log", 3000))


def _flags(flavour: str) -> tuple[str, ...]:
    return SANITIZED_FLAGS if flavour == "sanitized" else PLAIN_FLAGS


def _compile(kernel: Kernel, text: str, folder: Path, flavour: str, name: str | None = None) -> _Build:
    """Compile one translation unit (``name``, default the kernel source) into an object file in
    ``folder``, the only place the compiler can write."""
    name = name or kernel.config.source
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    shutil.copy(kernel.folder / kernel.config.header, folder / kernel.config.header)
    target = folder / f"{Path(name).stem}-{flavour}-{hashlib.sha256(text.encode()).hexdigest()[:12]}.o"
    if target.is_file():
        return _Build(target, "")
    # Written under a private name, then renamed: parallel scorings share the cached objects.
    partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
    header = _precompiled(flavour)
    pch = (f"-I{header.parent}", "-include", header.name) if header else ()
    argv = [CXX, *_flags(flavour), f"-I{ap_types_dir()}", "-I.", *pch, "-c", name, "-o", partial.name]
    log = folder / f"compile-{flavour}.log"
    outcome = _checked(run_limited(argv, folder, clean_env(), _COMPILE_LIMITS, log,
                                   readable=(header.parent,) if header else ()))
    if not (outcome.ok and partial.is_file()):
        partial.unlink(missing_ok=True)
        return _Build(None, tail(log, 3000))
    os.replace(partial, target)
    return _Build(target, "")


_HLS_TYPES = '#include "ap_int.h"\n#include "ap_fixed.h"\n#include "hls_stream.h"\n#include "hls_math.h"\n'


@functools.cache
def _precompiled(flavour: str) -> Path | None:
    """The header that pre-includes the HLS type headers, precompiled beside it (about three times
    faster per candidate); None when it failed to build (the headers are then parsed each time).
    g++ falls back to the text of a header whose .gch it cannot use. Built by a trusted compile,
    the only one that writes its cache folder; candidates read it."""
    digest = hashlib.sha256(f"{_HLS_TYPES}{_flags(flavour)}{ap_types_dir()}{CXX}".encode()).hexdigest()[:16]
    folder = cache_dir() / "hls" / f"pch-{flavour}-{digest}"
    header, compiled = folder / "rtlwb_hls_types.h", folder / "rtlwb_hls_types.h.gch"
    if not compiled.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        header.write_text(_HLS_TYPES)
        partial = folder / f"pch.{os.getpid()}.part"
        argv = [CXX, *_flags(flavour), f"-I{ap_types_dir()}", "-x", "c++-header", header.name, "-o", partial.name]
        outcome = run_limited(argv, folder, clean_env(), _PCH_LIMITS, folder / "pch.log")
        if not (outcome.ok and partial.is_file()):
            partial.unlink(missing_ok=True)
            return None
        os.replace(partial, compiled)
    return header


def _cached_object(kernel: Kernel, main: str, flavour: str) -> _Build:
    """The kernel's own ``main`` (testbench or driver), compiled once into the cache: a trusted
    compile, which alone may write its cache folder (its working folder)."""
    texts = (kernel.text(main), kernel.text(kernel.config.header), " ".join(_flags(flavour)), str(ap_types_dir()))
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]
    return _compile(kernel, kernel.text(main), cache_dir() / "hls" / f"{kernel.name}-{digest}", flavour, main)


def run(binary: Path, args: list[str], sanitized: bool) -> tuple[bool, bool, str]:
    """(passed, timed out, output tail) of one run of a built program, which can write only its own folder."""
    limits = _SANITIZED_RUN_LIMITS if sanitized else _RUN_LIMITS
    env = clean_env(_SANITIZER_ENV if sanitized else None)
    log = binary.parent / f"{binary.name}-{'-'.join(args) or 'run'}.log"
    outcome = _checked(run_limited([str(binary), *args], binary.parent, env, limits, log))
    with open(log, "rb") as handle:  # the start: where a sanitizer names the error
        return outcome.ok, outcome.timed_out, handle.read(200_000).decode("utf-8", errors="replace")


def score_kernel(kernel: Kernel, source: str, workdir: Path) -> list[CheckOutcome]:
    """Every check of ``source`` as the kernel's implementation, in order; stops at the first
    failure of compile or testbench (later checks then say nothing new)."""
    problem = toolchain_problem()
    if problem:
        raise RuntimeError(problem)
    # The sanitized build is the slow one: it is made only for a kernel that passes its testbench.
    outcomes: list[CheckOutcome] = []
    for flavour, check in (("plain", HlsCheck.TESTBENCH), ("sanitized", HlsCheck.SANITIZERS)):
        built = build(kernel, source, kernel.config.testbench, workdir / flavour, flavour == "sanitized")
        if built.binary is None:
            note = "" if flavour == "plain" else "with the sanitizers: "
            return [CheckOutcome(check=HlsCheck.COMPILE, ok=False, detail=note + _first_error(built.log))]
        if flavour == "plain":
            outcomes.append(CheckOutcome(check=HlsCheck.COMPILE, ok=True))
        passed, timed_out, output = run(built.binary, [], flavour == "sanitized")
        detail = "" if passed else ("timed out (an infinite loop?)" if timed_out else _failure_lines(output))
        outcomes.append(CheckOutcome(check=check, ok=passed, detail=detail, timed_out=timed_out))
        if not passed:
            return outcomes
    outcomes.append(_random_vectors(kernel, source, workdir / "plain"))
    # libclang reads the candidate (and what it includes) outside the sandbox: in the isolated worker,
    # with limits, and with the run folder's copy of the header, never the task folder, on its path.
    call = call_isolated(check_pragmas, source, kernel.config.top, ap_types_dir(), workdir / "plain",
                         limits=_PRAGMA_LIMITS)
    pragma_problems = call.value if call.failure is None else [f"the static check {call.failure}"]
    outcomes.append(CheckOutcome(check=HlsCheck.PRAGMAS, ok=not pragma_problems, detail="; ".join(pragma_problems)))
    return outcomes


def _random_vectors(kernel: Kernel, source: str, folder: Path) -> CheckOutcome:
    built = build(kernel, source, kernel.config.driver, folder, sanitized=False)
    if built.binary is None:
        return CheckOutcome(check=HlsCheck.RANDOM_VECTORS, ok=False, detail=_first_error(built.log))
    expected = golden_vectors(kernel)
    for seed in SEEDS:
        passed, timed_out, output = run(built.binary, [str(seed)], sanitized=False)
        if not passed:
            detail = "timed out" if timed_out else f"the driver failed with seed {seed}: {_failure_lines(output)}"
            return CheckOutcome(check=HlsCheck.RANDOM_VECTORS, ok=False, detail=detail, timed_out=timed_out)
        if output != expected[seed]:
            return CheckOutcome(check=HlsCheck.RANDOM_VECTORS, ok=False,
                                detail=f"outputs differ from the golden kernel's with seed {seed}: "
                                       f"{_first_difference(expected[seed], output)}")
    return CheckOutcome(check=HlsCheck.RANDOM_VECTORS, ok=True)


@functools.cache
def golden_vectors(kernel: Kernel) -> dict[int, str]:
    """The golden kernel's driver output per seed (computed once per kernel and process)."""
    source = kernel.text(kernel.config.source)
    digest = hashlib.sha256(source.encode()).hexdigest()[:12]
    with tempfile.TemporaryDirectory(prefix=f"rtlwb-hls-{kernel.name}-{digest}-") as folder:
        built = build(kernel, source, kernel.config.driver, Path(folder), sanitized=False)
        if built.binary is None:
            raise RuntimeError(f"{kernel.folder}: the golden kernel's driver does not build: {_first_error(built.log)}")
        outputs = {}
        for seed in SEEDS:
            passed, _, output = run(built.binary, [str(seed)], sanitized=False)
            if not passed:
                raise RuntimeError(f"{kernel.folder}: the golden kernel's driver fails with seed {seed}")
            outputs[seed] = output
        return outputs


def _first_error(log: str) -> str:
    errors = [line for line in log.splitlines() if "error" in line]
    return (errors[0] if errors else log.strip().splitlines()[-1] if log.strip() else "the build failed")[:300]


def _failure_lines(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    interesting = [line for line in lines if "runtime error" in line or "ERROR: AddressSanitizer" in line
                   or "mismatch" in line.lower() or "FAIL" in line]
    return " | ".join((interesting or lines[-3:])[:3])[:400]


def _first_difference(expected: str, actual: str) -> str:
    for number, (want, got) in enumerate(zip(expected.splitlines(), actual.splitlines(), strict=False), 1):
        if want != got:
            return f"line {number}: expected `{want[:80]}`, got `{got[:80]}`"
    return "different number of output lines"
