"""Class 1: an answer writing outside its work folder.

Every language gets its ways of reaching the filesystem: Verilog file calls hidden from a text
scan (escaped identifiers, macro pasting, Icarus's own $fopenw/$fopena), Verilator's $c and
DPI-C imports, HLS C++ (system(), fopen, std::ofstream) and Scala at elaboration (Files.write,
sys.process). The targets: a canary folder and file in a fake HOME, the task folder, the cache
folder and /tmp, each first shown writable by the test itself. Afterwards nothing may have
appeared or changed there, and the (wrong) answer is never ``pass``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.conftest import (
    ANSWER_FAILURES,
    FakeHome,
    Scene,
    answer_text,
    copy_accel_task,
    copy_hls_task,
    describe,
    evidence_in,
    fenced,
    hls_answer,
    icarus_accepts,
    kernel_folder,
    planted,
    tree_digest,
    verilator_accepts,
    writable_by_us,
)
from workbench import ScoreOptions, Status, score
from workbench._paths import cache_dir
from workbench.scorer.hls_debug import score_fix


@dataclass
class Outside:
    """The places outside the work folder an answer aims at, and how they looked before."""

    mark: str
    home: FakeHome
    task_dir: Path
    cache: Path
    task_digest: dict[str, str]

    def values(self) -> dict[str, object]:
        return {"mark": self.mark, "home_dir": self.home.canary_dir, "home_file": self.home.canary_file,
                "task_dir": self.task_dir, "cache_dir": self.cache}

    def breaches(self) -> list[str]:
        found = [f"planted {path}" for path in planted(self.mark, [self.home.path, self.task_dir])]
        found += [f"planted {path}" for path in planted(self.mark, [Path("/tmp"), self.cache], recursive=False)]
        if not self.home.unchanged():
            found.append("the canaries in HOME changed")
        if tree_digest(self.task_dir) != self.task_digest:
            found.append("the task folder changed")
        return found


def _outside(scene: Scene, home: FakeHome, task_dir: Path) -> Outside:
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for target in (home.canary_dir, task_dir, cache, Path("/tmp")):
        writable_by_us(target)
    return Outside(scene.mark, home, task_dir, cache, tree_digest(task_dir))


def _ran(result, mark: str) -> bool:
    return evidence_in(result.artefacts, f"HOSTILE-RAN-{mark}")


VERILOG = [
    ("fs_escaped_identifier.sv", "icarus"),
    ("fs_macro_paste.sv", "icarus"),
    ("fs_icarus_fopenw.sv", "icarus"),
    ("fs_verilator_c.sv", "verilator"),
    ("fs_verilator_dpi.sv", "verilator"),
    ("fs_verilator_inline_cpp.sv", "verilator"),
]


@pytest.mark.parametrize(("name", "sim"), VERILOG)
def test_a_verilog_answer_writes_nothing_outside_its_work_folder(name, sim, scene, fake_home):
    task = copy_accel_task(scene.root / "suite")
    outside = _outside(scene, fake_home, task.folder)
    code = answer_text(name, **outside.values())
    (icarus_accepts if sim == "icarus" else verilator_accepts)(code, scene.root)  # refused only by the workbench
    result = score(task, fenced(code, "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert result.status in ANSWER_FAILURES, describe(result)
    if result.status != Status.FAIL_COMPILE:  # not refused: then it must really have run
        assert _ran(result, scene.mark), describe(result)
    breaches = outside.breaches()
    assert not breaches, "\n".join(breaches)


@pytest.mark.parametrize("name", ["fs_cpp_system.cpp", "fs_cpp_fopen.cpp", "fs_cpp_ofstream.cpp"])
def test_an_hls_answer_writes_nothing_outside_its_work_folder(name, scene, fake_home):
    task = copy_hls_task(scene.root / "hls")
    outside = _outside(scene, fake_home, kernel_folder(task))
    result = score_fix(task, hls_answer(answer_text(name, **outside.values())), scene.work)
    assert result.status == Status.FAIL_FUNCTIONAL, describe(result)  # it compiled and ran (and is wrong)
    assert _ran(result, scene.mark), describe(result)
    breaches = outside.breaches()
    assert not breaches, "\n".join(breaches)


@pytest.mark.parametrize("name", ["fs_scala_files.scala", "fs_scala_process.scala"])
def test_a_chisel_answer_writes_nothing_outside_its_work_folder(name, scene, fake_home):
    task = copy_accel_task(scene.root / "suite")
    outside = _outside(scene, fake_home, task.folder)
    answer = fenced(answer_text(name, **outside.values()), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    assert result.status in ANSWER_FAILURES, describe(result)
    assert _ran(result, scene.mark), describe(result)  # its constructor ran at elaboration
    breaches = outside.breaches()
    assert not breaches, "\n".join(breaches)
