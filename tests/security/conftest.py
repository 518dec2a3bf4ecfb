"""Hostile answers (issue 17, "Verdicts nobody can forge"): shared fixtures and helpers.

A model answer is treated as an adversary with code execution inside its simulator or compiler.
The answers live as data under ``answers/`` with ``@NAME@`` placeholders that the tests fill in
(a unique mark, canary folders, the task folder, a port...). Every test checks first that its
attack is real (the canary targets exist and the test itself can write them, the answer is valid
code for its tool or demonstrably ran), so that no assertion can pass vacuously.

The mark of each test is in every file name, command line and folder its answer creates: at
teardown any process carrying it (or running in the test's work folder) is killed by pid and any
file it planted in /tmp or the cache is removed, so a sandbox that does not hold yet leaves the
machine as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workbench._paths import cache_dir
from workbench.scorer.result import Result, Status
from workbench.sim import tool_dirs
from workbench.task.format import Task, load_task
from workbench.task.suite import PROJECT_ROOT, load_suite

ANSWERS = Path(__file__).parent / "answers"
ACCEL_TASK = PROJECT_ROOT / "benchmarks" / "accel" / "edge_detector"  # small, sequential, has a Chisel twin
HLS_KERNEL = PROJECT_ROOT / "benchmarks" / "hls" / "popcount_serial"
HLS_BUG = "popcount_serial_shift_left"
TEST_NAMES = ("reset_with_input_high", "reset_with_input_low", "toggling_and_runs", "reset_mid_run", "random_input")
SECRET_VARIABLES = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HF_TOKEN")

# Verdicts an answer that did something hostile may get: never pass, never the harness's fault.
ANSWER_FAILURES = {Status.FAIL_COMPILE, Status.FAIL_FUNCTIONAL, Status.FAIL_INTERFACE, Status.CRASH, Status.TIMEOUT}


# --- answers ---------------------------------------------------------------------------------
def answer_text(name: str, **values: object) -> str:
    """The answer file ``name`` with its ``@KEY@`` placeholders filled from ``values`` (key
    upper-cased); every placeholder must be filled."""
    text = (ANSWERS / name).read_text()
    for key, value in values.items():
        text = text.replace(f"@{key.upper()}@", str(value))
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    assert not left, f"{name}: placeholders not filled: {left}"
    return text


def fenced(code: str, language: str) -> str:
    """``code`` as a model would answer it: a sentence and a fenced block."""
    return f"Here is my implementation.\n```{language}\n{code}```\n"


def hls_answer(code: str) -> str:
    return fenced(code, "cpp") + "BUG LINE: 24\nBUG TYPE: off-by-one\n"


# --- tasks -----------------------------------------------------------------------------------
def copy_accel_task(suite: Path, limits: str = "") -> Task:
    """A copy of the built-in edge_detector task in ``suite`` (a folder of our own, so that its
    files can be checked afterwards), with ``limits`` (TOML lines) as its [limits] table."""
    folder = suite / ACCEL_TASK.name
    shutil.copytree(ACCEL_TASK, folder, ignore=shutil.ignore_patterns("__pycache__"))
    if limits:
        toml = folder / "task.toml"
        toml.write_text(toml.read_text() + f"\n[limits]\n{limits}\n")
    return load_task(folder)


def copy_hls_task(suite: Path) -> Task:
    """The hls-debug task of one bug of a copy of a built-in HLS kernel in ``suite``."""
    suite.mkdir(parents=True, exist_ok=True)
    shutil.copytree(HLS_KERNEL, suite / HLS_KERNEL.name)
    return next(task for task in load_suite(suite).tasks if task.id == HLS_BUG)


def kernel_folder(task: Task) -> Path:
    """The kernel folder of an hls-debug task (its testbench, driver and golden source)."""
    return task.folder.parent.parent


def zero_kernel() -> str:
    """A wrong popcount_serial kernel: every output zero."""
    return answer_text("zero_kernel.cpp")


# --- marks, work folders, canaries ------------------------------------------------------------
@dataclass
class Scene:
    """What one hostile test works with."""

    mark: str  # unique; in every name the answer creates
    work: Path  # the answers' work folder (ScoreOptions.workdir, or the HLS workdir)
    root: Path  # the test's own tmp folder

    def placeholders(self, **more: object) -> dict[str, object]:
        return {"mark": self.mark, "workdir": self.work, **more}


@pytest.fixture
def scene(tmp_path: Path) -> Iterable[Scene]:
    mark = f"rtlwbsec{uuid.uuid4().hex[:12]}"
    work = tmp_path / f"work-{mark}"
    work.mkdir()
    yield Scene(mark, work, tmp_path)
    _clean_up(mark, [work, tmp_path])


def _clean_up(mark: str, folders: list[Path]) -> None:
    """Kill what the test's answers left running and remove what they planted outside."""
    for _ in range(3):
        pids = marked_processes(mark, folders)
        if not pids:
            break
        kill(pids | descendants(pids))
        time.sleep(0.2)
    for place in (Path("/tmp"), cache_dir()):
        for planted in place.glob(f"*{mark}*"):
            if planted.is_dir():
                shutil.rmtree(planted, ignore_errors=True)
            else:
                planted.unlink(missing_ok=True)


@dataclass
class FakeHome:
    """A HOME of the test's own with canaries a hostile answer would want to read or change."""

    path: Path
    canary_dir: Path  # a folder an answer must not write into
    canary_file: Path  # a file it must neither read nor change (its content is the secret)
    secret: str  # the content of canary_file: an identifier, so compiler errors quote it whole
    digest: dict[str, str] = field(default_factory=dict)

    def unchanged(self) -> bool:
        return tree_digest(self.path) == self.digest


@pytest.fixture
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeHome:
    """HOME is a fresh folder with canaries; the build caches stay where they were (warm)."""
    monkeypatch.setenv("RTLWB_CACHE", str(cache_dir().resolve()))
    home = tmp_path / "home"
    canary_dir = home / ".config" / "rtlwb-canary"
    canary_dir.mkdir(parents=True)
    secret = f"rtlwb_canary_home_{uuid.uuid4().hex}"
    canary_file = canary_dir / "credentials"
    canary_file.write_text(f"{secret}\n")
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_ed25519").write_text(f"-----BEGIN OPENSSH PRIVATE KEY-----\n{secret}\n")
    monkeypatch.setenv("HOME", str(home))
    fake = FakeHome(home, canary_dir, canary_file, secret)
    fake.digest = tree_digest(home)
    return fake


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Fake API keys in the orchestrator's environment (name -> value)."""
    token = uuid.uuid4().hex
    values = {"OPENAI_API_KEY": f"sk-canary-{token}", "ANTHROPIC_API_KEY": f"sk-ant-canary-{token}",
              "HF_TOKEN": f"hf_canary_{token}"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def writable_by_us(folder: Path) -> None:
    """The target really exists and this test process can create files in it: an answer that
    does not manage to write there was stopped by the sandbox, not by the target."""
    assert folder.is_dir(), f"canary target {folder} does not exist"
    probe = folder / f".probe-{uuid.uuid4().hex}"
    probe.write_text("probe")
    probe.unlink()


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (symlinks as their target text)."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            digest[str(path.relative_to(folder))] = f"-> {os.readlink(path)}"
        elif path.is_file():
            digest[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def planted(mark: str, folders: Iterable[Path], recursive: bool = True) -> list[Path]:
    """Files and folders named with ``mark`` under ``folders``."""
    found = []
    for folder in folders:
        found += list(folder.rglob(f"*{mark}*") if recursive else folder.glob(f"*{mark}*"))
    return found


def files_containing(folder: Path, needles: Iterable[str]) -> dict[str, list[str]]:
    """needle -> files under ``folder`` whose bytes contain it."""
    needles = [n for n in needles if n]
    hits: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            for needle in needles:
                if needle.encode() in data:
                    hits.setdefault(needle, []).append(str(path))
    return hits


def evidence_in(folder: Path | None, text: str) -> bool:
    """Whether any file under ``folder`` (an answer's artefacts) contains ``text``."""
    return folder is not None and folder.is_dir() and bool(files_containing(folder, [text]))


def describe(result: Result) -> str:
    return f"{result.status}: {result.message[:600]}\n{result.diagnostics[-800:]}"


# --- scoring in a process of its own ---------------------------------------------------------
_SCORE_MANY = """
import json, sys
from pathlib import Path
from workbench import ScoreOptions, score_many
from workbench.task.format import load_task
request = json.load(sys.stdin)
options = ScoreOptions(workdir=Path(request["workdir"]), language=request["language"])
results = score_many(load_task(request["task"]), request["answers"], request["sim"], options)
print("RESULTS " + json.dumps([[str(result.status), result.message] for result in results]))
"""


def score_many_apart(task: Task, answers: list[str], sim: str, workdir: Path,
                     language: str = "systemverilog") -> list[tuple[Status, str]]:
    """(verdict, message) of each answer scored by ``score_many`` in a Python process of its own:
    for answers that subvert a long-lived compile server (kill it, write its replies), so that
    whatever they do to the servers of this process cannot reach the tests after them. An
    exception in that process (no verdict at all for some answer) fails the test."""
    request = {"task": str(task.folder), "answers": answers, "sim": sim, "workdir": str(workdir), "language": language}
    done = subprocess.run([sys.executable, "-c", _SCORE_MANY], input=json.dumps(request), capture_output=True,
                          text=True, timeout=900, cwd=PROJECT_ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULTS ")]
    assert done.returncode == 0 and lines, f"scoring failed (exit status {done.returncode}):\n{done.stderr[-3000:]}"
    return [(Status(status), message) for status, message in json.loads(lines[-1][len("RESULTS "):])]


# --- the answers' own tools, to prove an answer is valid code ---------------------------------
def _tool(name: str) -> str:
    found = shutil.which(name, path=os.pathsep.join([*tool_dirs(), os.environ.get("PATH", "")]))
    assert found, f"{name} is not installed (run `make setup`): the security tests need the whole toolchain"
    return found


def icarus_accepts(code: str, folder: Path, top: str = "edge_detector") -> None:
    """Icarus compiles ``code`` (nothing is run): a refusal of it can only be the workbench's."""
    source = folder / f"icarus-check-{uuid.uuid4().hex[:6]}.sv"
    source.write_text(code)
    # into a file of its own: iverilog marks its output executable, and as root it would do that to /dev/null
    done = subprocess.run([_tool("iverilog"), "-g2012", "-s", top, "-o", str(source.with_suffix(".vvp")), str(source)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"the hostile answer is not valid for Icarus:\n{done.stdout}{done.stderr}"


def verilator_accepts(code: str, folder: Path, top: str = "edge_detector") -> None:
    """Verilator's front end accepts ``code`` (lint only: nothing is built or run)."""
    source = folder / f"verilator-check-{uuid.uuid4().hex[:6]}.sv"
    source.write_text(code)
    done = subprocess.run([_tool("verilator"), "--lint-only", "-Wno-fatal", "-Wno-lint", "-Wno-style",
                           "--top-module", top, str(source)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"the hostile answer is not valid for Verilator:\n{done.stdout}{done.stderr}"


# --- processes -------------------------------------------------------------------------------
def _pids() -> list[int]:
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


def process_count() -> int:
    return len(_pids())


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def marked_processes(mark: str, folders: Iterable[Path] = ()) -> set[int]:
    """Live processes (not this one) with ``mark`` in their command line, or whose command line
    or working folder is inside one of ``folders``."""
    places = [str(Path(folder).resolve()) for folder in folders]
    me = os.getpid()
    found = set()
    for pid in _pids():
        if pid == me:
            continue
        command = _cmdline(pid)
        ours = mark in command or any(place in command or _cwd(pid).startswith(place) for place in places)
        if ours and _alive(pid):
            found.add(pid)
    return found


def descendants(pids: set[int]) -> set[int]:
    parents: dict[int, int] = {}
    for pid in _pids():
        try:
            parents[pid] = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found, frontier = set(), set(pids)
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        found |= children
        frontier = children
    return found


def kill(pids: Iterable[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def survivors(mark: str, folders: Iterable[Path], grace_s: float = 2.0) -> dict[int, str]:
    """pid -> command line of the marked processes still alive after ``grace_s`` (a SIGKILL is
    delivered asynchronously: the sandbox gets a moment to finish its kill)."""
    deadline = time.monotonic() + grace_s
    while True:
        pids = marked_processes(mark, folders)
        if not pids or time.monotonic() > deadline:
            return {pid: _cmdline(pid)[:200] for pid in pids}
        time.sleep(0.1)


class PeakCounter:
    """Samples, in a thread, how many marked processes exist; ``peak`` is the most seen."""

    def __init__(self, mark: str, folders: Iterable[Path]) -> None:
        import threading

        self.mark, self.folders, self.peak = mark, list(folders), 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, len(marked_processes(self.mark, self.folders)))
            self._stop.wait(0.05)

    def __enter__(self) -> PeakCounter:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


def settled_count(baseline: int, tolerance: int, wait_s: float = 10.0) -> int:
    """The machine's process count, waited for (up to ``wait_s``) to come back near ``baseline``."""
    deadline = time.monotonic() + wait_s
    while True:
        count = process_count()
        if count <= baseline + tolerance or time.monotonic() > deadline:
            return count
        time.sleep(0.2)


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
