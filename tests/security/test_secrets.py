"""Class 4: an answer reading secrets and smuggling them into what the workbench stores.

The orchestrator's environment holds fake API keys and a fake HOME holds canary files. Answers read
them every way their language allows (the environment of every ancestor process through /proc,
their own environment, $fopen/$fgetc, `include, #include, inline C++, Scala file reads) and put
what they found where the workbench keeps it: the log, the compile error, the exception message.
No canary may appear in the result's message or diagnostics, in any artefact, nor (through real
``rtlwb bench run`` and ``rtlwb bench report --html`` processes started with the keys in their
environment) in samples.jsonl, index.sqlite, the HTML report or any other file of the run.

Keys set in this process with monkeypatch reach a child only through the environment it is given:
/proc/<pid>/environ shows what a process was started with. So the walk through the ancestors'
environments is checked where it matters, through rtlwb processes started with the keys.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    files_containing,
    hls_answer,
    icarus_accepts,
    verilator_accepts,
)
from workbench import ScoreOptions, Status, score
from workbench.scorer.hls_debug import score_fix


def _values(scene: Scene, home: FakeHome) -> dict[str, object]:
    return {"mark": scene.mark, "home": home.path, "home_file": home.canary_file}


def _canaries(home: FakeHome, secrets: dict[str, str]) -> list[str]:
    assert home.canary_file.read_text().strip() == home.secret  # there is a secret to steal
    return [home.secret, *secrets.values()]


def _leaks(result, canaries: list[str]) -> list[str]:
    found = [f"{canary} in the message" for canary in canaries if canary in result.message]
    found += [f"{canary} in the diagnostics" for canary in canaries if canary in result.diagnostics]
    if result.artefacts is not None and result.artefacts.is_dir():
        found += _stored_leaks([result.artefacts], canaries)
    return found


@pytest.mark.parametrize(("name", "sim"), [
    ("secrets_icarus.sv", "icarus"),
    ("secrets_include.sv", "icarus"),
    ("secrets_include.sv", "verilator"),
    ("secrets_verilator_c.sv", "verilator"),
])
def test_a_verilog_answer_leaks_no_secret(name, sim, scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_accel_task(scene.root / "suite")
    code = answer_text(name, **_values(scene, fake_home))
    if "include" not in name:  # an `include of a file that is not Verilog is the compiler's error by design
        (icarus_accepts if sim == "icarus" else verilator_accepts)(code, scene.root)
    result = score(task, fenced(code, "systemverilog"), sim, ScoreOptions(workdir=scene.work))
    assert result.status in ANSWER_FAILURES, describe(result)
    if result.status != Status.FAIL_COMPILE:
        assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    leaks = _leaks(result, canaries)
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("name", ["secrets_cpp_include.cpp", "secrets_cpp_read.cpp"])
def test_an_hls_answer_leaks_no_secret(name, scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_hls_task(scene.root / "hls")
    result = score_fix(task, hls_answer(answer_text(name, **_values(scene, fake_home))), scene.work)
    assert result.status in ANSWER_FAILURES, describe(result)
    if "read" in name:
        assert result.status == Status.FAIL_FUNCTIONAL and evidence_in(scene.work, f"HOSTILE-RAN-{scene.mark}"), \
            describe(result)
    leaks = _leaks(result, canaries)
    assert not leaks, "\n".join(leaks)


def test_a_chisel_answer_leaks_no_secret(scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_accel_task(scene.root / "suite")
    answer = fenced(answer_text("secrets_scala.scala", **_values(scene, fake_home)), "scala")
    result = score(task, answer, "icarus", ScoreOptions(workdir=scene.work, language="chisel"))
    assert result.status in ANSWER_FAILURES, describe(result)
    assert evidence_in(result.artefacts, f"HOSTILE-RAN-{scene.mark}"), describe(result)
    leaks = _leaks(result, canaries)
    assert not leaks, "\n".join(leaks)


# --- through real rtlwb processes --------------------------------------------------------------
def _rtlwb() -> str:
    script = Path(sys.executable).parent / "rtlwb"
    assert script.is_file(), f"the rtlwb console script is missing next to {sys.executable} (pip install -e .)"
    return str(script)


def _bench_run(scene: Scene, suite: Path, task_id: str, answers: list[str], *options: str) -> tuple[Path, Path]:
    """Score ``answers`` (samples 0, 1, ...) of ``task_id`` with ``rtlwb bench run`` and report the
    run as HTML, both started with this test's environment (keys, fake HOME). Returns the run
    folder and the report's folder."""
    replay = scene.root / "replay" / "answers.jsonl"
    replay.parent.mkdir()
    replay.write_text("".join(json.dumps({"task_id": task_id, "sample": index, "completion": text}) + "\n"
                              for index, text in enumerate(answers)))
    runs = scene.root / "runs"
    done = subprocess.run([_rtlwb(), "bench", "run", "--suite", str(suite), "--model", f"replay/{replay}",
                           "-n", str(len(answers)), "--runs-dir", str(runs), "--run-id", "hostile", "--jobs", "1",
                           *options], env=dict(os.environ), capture_output=True, text=True, timeout=600)
    run = runs / "hostile"
    samples = run / "samples.jsonl"
    assert samples.is_file(), f"no samples.jsonl:\n{done.stdout}\n{done.stderr}"
    records = [json.loads(line) for line in samples.read_text().splitlines() if line.strip()]
    assert len(records) == len(answers), f"{len(records)} samples scored:\n{done.stdout}\n{done.stderr}"
    statuses = [record["result"]["status"] for record in records]
    assert all(status in ANSWER_FAILURES for status in statuses), statuses
    assert (run / "index.sqlite").is_file()
    report = scene.root / "report"
    report.mkdir()
    shown = subprocess.run([_rtlwb(), "bench", "report", str(run), "--html", str(report / "report.html")],
                           env=dict(os.environ), capture_output=True, text=True, timeout=300)
    assert shown.returncode == 0 and (report / "report.html").is_file(), shown.stderr
    (report / "report.md").write_text(shown.stdout)
    return run, report


def _stored_leaks(folders: list[Path], canaries: list[str]) -> list[str]:
    found = []
    for folder in folders:
        found += [f"{canary} in {', '.join(files)}" for canary, files in files_containing(folder, canaries).items()]
    return found


@pytest.mark.slow
def test_a_bench_run_stores_no_secret_of_a_verilog_answer(scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_accel_task(scene.root / "suite")
    answers = [fenced(answer_text(name, **_values(scene, fake_home)), "systemverilog")
               for name in ("secrets_icarus.sv", "secrets_include.sv")]
    run, report = _bench_run(scene, task.folder.parent, task.id, answers, "--sim", "icarus")
    leaks = _stored_leaks([run, report], canaries)
    assert not leaks, "\n".join(leaks)


@pytest.mark.slow
def test_a_bench_run_stores_no_secret_of_a_chisel_answer(scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_accel_task(scene.root / "suite")
    answers = [fenced(answer_text("secrets_scala.scala", **_values(scene, fake_home)), "scala")]
    run, report = _bench_run(scene, task.folder.parent, task.id, answers, "--lang", "chisel")
    leaks = _stored_leaks([run, report], canaries)
    assert not leaks, "\n".join(leaks)


@pytest.mark.slow
def test_a_bench_run_stores_no_secret_of_an_hls_answer(scene, fake_home, secrets):
    canaries = _canaries(fake_home, secrets)
    task = copy_hls_task(scene.root / "hls")
    answers = [hls_answer(answer_text(name, **_values(scene, fake_home)))
               for name in ("secrets_cpp_read.cpp", "secrets_cpp_include.cpp")]
    run, report = _bench_run(scene, task.folder.parent.parent.parent, task.id, answers)
    leaks = _stored_leaks([run, report], canaries)
    assert not leaks, "\n".join(leaks)
