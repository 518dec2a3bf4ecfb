"""CVDP's harness, run locally: a cocotb test driven by pytest, without Docker.

CVDP runs each problem in a container: the candidate's files under ``/code`` (``rtl/``, ``verif/``,
``docs/``, working folder ``/code/rundir``), the harness's ``src/`` mounted at ``/src``, the variables
of ``src/.env`` in the environment, then ``pytest /src/test_runner.py``. Here the same layout is
rebuilt in the candidate's fresh folder (``run/code`` and ``run/harness``), the container paths in
the harness's variables and Python files are mapped onto it, ``SIM`` names our simulator, and pytest
runs in a sandboxed child (the task's limits, no network) that can write only that run folder and
the verdict folder where pytest writes its JUnit report (a folder the simulation has no use for),
and sees no task folder: the harness and the given files are copies.

The verdict does not trust pytest's exit status alone: cocotb's own results files
(``sim_build/*.result.xml``) are read too, so a harness that swallows its failures cannot pass a
candidate, and a harness that ran no cocotb test proves nothing. Infrastructure errors come from
the harness's own state only: checks made before the run (the simulator, cocotb and the harness's
test module are there), the sandbox's report and pytest's own exit statuses; never from text in
the log or in a test's failure, which the candidate's simulation can print.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from workbench.sandbox import Limits, RunOutcome, clean_env, log_tail, run_limited, tail
from workbench.scorer.result import Result, Stage, Status
from workbench.sim import Simulator, read_only_compiler_cache
from workbench.sim.results import read_testcases
from workbench.task.format import PytestHarness, Task

# Build and simulation happen in one child: its file limit must admit Verilator's build products
# (objects, precompiled headers) while still stopping a simulation that floods its log.
HARNESS_FILE_LIMIT_MB = 512
CODE_FOLDERS = ("rtl", "verif", "docs", "rundir")  # what CVDP's containers have under /code
# Container paths in the harness: /code/... and /src/... as whole path starts (not ./src, a/src).
_CONTAINER_PATH = re.compile(r"(?<![\w./-])/(code|src)(?=/|\b)")
_ENV_LINE = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$")
_COMPILER_ERROR = re.compile(r"^\s*(%Error.*|\S+:\d+:(?:\d+:)?\s*(?:syntax error|error:|sorry:).*)$", re.MULTILINE)
_LOGGED_ERROR = re.compile(r"^\s*\S+\s+ERROR\s+\S+\s+(.+)$", re.MULTILINE)  # cocotb: time, level, logger, text
_VERDICT = "verdict"  # pytest's JUnit report: beside the run folder, not in it
# pytest exit statuses: 2 interrupted (a collection error: the harness does not import), 3 internal
# error, 4 usage error, 5 no tests collected. None of them is the candidate's doing.
_PYTEST_BROKEN = {2: "the harness could not be collected", 3: "pytest failed internally",
                  4: "pytest was called wrongly", 5: "the harness holds no test"}


@dataclass(frozen=True)
class Layout:
    """Where a candidate's run lives: ``code`` is CVDP's /code, ``harness`` holds its /src."""

    run: Path
    code: Path
    harness: Path

    @property
    def workdir(self) -> Path:
        return self.code / "rundir"

    def container_path(self, text: str) -> str:
        """``text`` with CVDP's container paths (/code, /src) mapped onto this run folder."""
        roots = {"code": str(self.code), "src": str(self.harness / "src")}
        return _CONTAINER_PATH.sub(lambda found: roots[found.group(1)], text)


@dataclass
class JunitCounts:
    """The tests of one or more JUnit XML files (pytest's or cocotb's)."""

    files: int = 0
    tests: int = 0
    skipped: int = 0
    failed: int = 0
    first_failure: str = ""
    failure_text: str = ""
    names: list[str] = field(default_factory=list)


def run_pytest_harness(task: Task, code: str, simulator: Simulator, folder: Path, result: Result) -> Result:
    """Judge ``code`` with ``task``'s CVDP harness on ``simulator``, in ``folder`` (fresh, the
    candidate's), into ``result``."""
    bench = task.config.testbench
    assert isinstance(bench, PytestHarness)
    layout = prepare_run(task, bench, code, folder / "run")
    env = clean_env(simulator.env()) | harness_env(task.folder / bench.folder / bench.env_file, layout)
    env["SIM"] = simulator.name
    env["PYTHONPATH"] = _joined_paths(env.get("PYTHONPATH"), str(layout.harness / Path(bench.test).parent))
    # Build and simulation share one child: the compiler cache is used, not written.
    env, cache = read_only_compiler_cache(env)
    problem = harness_problem(simulator, layout, bench, env)
    if problem:
        return result.conclude(Status.INFRA_ERROR, problem, "")
    limits = task.config.limits
    verdict_folder = folder / _VERDICT
    verdict_folder.mkdir(parents=True, exist_ok=True)
    junit = verdict_folder / "pytest.xml"
    # -s: the simulation's output goes straight to the log (the evidence); no cache folder is written.
    argv = [sys.executable, "-m", "pytest", "-x", "-q", "-s", "--tb=long", "-p", "no:cacheprovider",
            "-c", str(layout.run / "pytest.ini"), f"--junitxml={junit}", str(layout.harness / bench.test)]
    outcome = run_limited(argv, cwd=layout.workdir, env=env, log_path=folder / "test.log",
                          limits=Limits(limits.compile_s + limits.sim_s, limits.memory_mb,
                                        max(limits.output_mb, HARNESS_FILE_LIMIT_MB)),
                          readable=cache, writable=(layout.run, layout.workdir, verdict_folder))
    result.durations_s[Stage.SIMULATE] = outcome.duration_s  # the harness builds and simulates in one go
    return judge_harness_run(result, outcome, layout, junit, folder / "test.log", limits.compile_s + limits.sim_s)


def harness_problem(simulator: Simulator, layout: Layout, bench: PytestHarness, env: dict[str, str]) -> str | None:
    """What keeps the harness from running at all, checked here before the run (so that nothing
    the candidate's simulation prints can pass for it): the simulator, cocotb, the harness's tests."""
    if simulator.executable() is None:
        return f"{simulator.name} is not installed: {simulator.missing_hint()}"
    if simulator.name == "verilator" and shutil.which("make") is None:
        return "make is not installed (Verilator builds need it): apt-get install make"
    for module in ("pytest", "cocotb", "cocotb_tools"):
        if importlib.util.find_spec(module) is None:
            return f"the Python package {module} is not installed (make setup)"
    if not (layout.harness / bench.test).is_file():
        return f"the harness has no {bench.test}"
    test_modules = env.get("MODULE") or env.get("COCOTB_TEST_MODULES") or ""
    for name in filter(None, re.split(r"[,\s]+", test_modules)):
        if not _importable(name, env.get("PYTHONPATH", "")):
            return f"cocotb could not import the test module {name}: it is not in the harness"
    return None


def _importable(module: str, python_path: str) -> bool:
    """Whether ``module`` is found on ``python_path`` or in this installation (only top-level names:
    importing would run the harness's code here)."""
    top = module.split(".")[0]
    folders = [folder for folder in python_path.split(os.pathsep) if folder]
    if importlib.machinery.PathFinder.find_spec(top, folders) is not None:
        return True
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def prepare_run(task: Task, bench: PytestHarness, code: str, run: Path) -> Layout:
    """The run folder: CVDP's /code tree with the candidate and the given files, and the harness."""
    layout = Layout(run=run, code=run / "code", harness=run / "harness")
    for name in CODE_FOLDERS:
        (layout.code / name).mkdir(parents=True)
    shutil.copytree(task.folder / bench.folder, layout.harness)
    for path in layout.harness.rglob("*.py"):
        path.write_text(layout.container_path(path.read_text()))
    for name in bench.context_files:
        target = layout.code / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(task.folder / name, target)
    candidate = layout.code / bench.candidate_file
    candidate.parent.mkdir(parents=True, exist_ok=True)
    candidate.write_text(code)
    # An ini file of its own makes the run folder pytest's root: no configuration or conftest.py
    # from the folders above (the project's own, when artefacts are kept inside it) leaks in.
    (run / "pytest.ini").write_text("[pytest]\n")
    return layout


def parse_env(text: str) -> dict[str, str]:
    """The ``KEY = VALUE`` lines of a harness's ``.env`` (comments and blank lines ignored)."""
    values = {}
    for line in text.splitlines():
        found = _ENV_LINE.match(line)
        if found and not line.lstrip().startswith("#"):
            values[found.group(1)] = found.group(2).strip("\"'")
    return values


def harness_env(path: Path, layout: Layout) -> dict[str, str]:
    return {key: layout.container_path(value) for key, value in parse_env(path.read_text()).items()}


def judge_harness_run(result: Result, outcome: RunOutcome, layout: Layout, junit: Path, log_path: Path,
                      limit_s: float) -> Result:
    """``result`` with the verdict of one harness run, from pytest's status, its JUnit file and cocotb's results."""
    log = log_tail(log_path, layout.code).replace(f"{layout.run}/", "")
    if outcome.infra_failure:
        return result.conclude(Status.INFRA_ERROR, outcome.infra_failure, log[-4000:])
    if outcome.timed_out:
        return result.conclude(Status.TIMEOUT, f"the harness did not finish within {limit_s:g} s", log[-4000:])
    if outcome.output_limit_hit:
        return result.conclude(Status.CRASH, "the run exceeded the output-size limit", log[-4000:])
    if outcome.returncode in _PYTEST_BROKEN:
        return result.conclude(Status.INFRA_ERROR, f"{_PYTEST_BROKEN[outcome.returncode]}: {_first_error(log)}",
                               log[-4000:])
    # A regular file only: never one the run could have put there through a link.
    pytest_counts = read_junit([junit] if junit.is_file() and not junit.is_symlink() else [])
    cocotb = read_junit(cocotb_results(layout.run))
    if cocotb.failed:
        return result.conclude(Status.FAIL_FUNCTIONAL, cocotb.first_failure, log[-4000:])
    if outcome.returncode == 0:
        return _judge_passing_pytest(result, pytest_counts, cocotb, log)
    return _judge_failing_pytest(result, outcome, pytest_counts, cocotb, layout, log)


def _judge_passing_pytest(result: Result, pytest_counts: JunitCounts, cocotb: JunitCounts, log: str) -> Result:
    if pytest_counts.tests - pytest_counts.skipped < 1:
        return result.conclude(Status.INFRA_ERROR, "pytest passed without running a test", log[-4000:])
    if cocotb.tests - cocotb.skipped < 1:
        return result.conclude(Status.INFRA_ERROR, "the harness ran no cocotb test (no cocotb results): "
                                                "its pass would prove nothing", log[-4000:])
    # Said on a pass too: when a port-only stub passes, this is the self-test's evidence, with the
    # errors the tests logged without failing (a weak harness's mark).
    logged = _LOGGED_ERROR.findall(log)
    evidence = [f"logged {len(logged)} errors without failing, e.g.:", *logged[:5]] if logged else []
    return result.conclude(Status.PASS, f"pytest passed; cocotb ran {cocotb.tests - cocotb.skipped} tests "
                                        f"({', '.join(cocotb.names[:6])}), none failed", "\n".join(evidence))


def _judge_failing_pytest(result: Result, outcome: RunOutcome, pytest_counts: JunitCounts, cocotb: JunitCounts,
                          layout: Layout, log: str) -> Result:
    if outcome.signal_name:
        return result.conclude(Status.CRASH, f"the harness died of {outcome.signal_name}", log[-4000:])
    # No text decides an infrastructure error here: a failure's message and traceback can carry
    # what the candidate's simulation printed. What the harness needs was checked before the run.
    if _failed_in_build(pytest_counts.failure_text):
        errors = compiler_errors(layout, log)
        first = errors[0] if errors else f"the build failed: {pytest_counts.first_failure}"
        return result.conclude(Status.FAIL_COMPILE, first, "\n".join(errors[:40]) or log[-4000:])
    if cocotb.files:  # the simulation ran and its tests passed: a check of the harness's own failed
        return result.conclude(Status.FAIL_FUNCTIONAL, pytest_counts.first_failure or "the harness failed", log[-4000:])
    reason = pytest_counts.first_failure or f"pytest exited with status {outcome.returncode}"
    return result.conclude(Status.CRASH, f"the simulation ended without cocotb results ({reason})", log[-4000:])


def _failed_in_build(traceback: str) -> bool:
    """Whether the harness's failing call was the runner's build: with the runner's own frames
    hidden, the last marked line of pytest's long traceback is the harness's call into it."""
    marked = [line for line in traceback.splitlines() if line.startswith(">")]
    return bool(marked) and ".build(" in marked[-1]


def cocotb_results(run: Path) -> list[Path]:
    """cocotb's results files under ``run``: ``<test>.result.xml`` under pytest, else ``results.xml``."""
    return sorted({*run.rglob("*.result.xml"), *run.rglob("results.xml")})


def read_junit(paths: list[Path]) -> JunitCounts:
    counts = JunitCounts()
    for path in paths:
        cases = read_testcases(path)
        if cases is None:
            continue  # a half-written file: the run crashed while writing it
        counts.files += 1
        for case in cases:
            counts.tests += 1
            counts.names.append("?" if case.name is None else case.name)
            counts.skipped += case.skipped
            if case.failure is None:
                continue
            counts.failed += 1
            if not counts.first_failure:
                failure = case.failure
                counts.first_failure = _first_line(failure.message or failure.text or "failed", failure.kind)
                counts.failure_text = case.failure.text[-4000:]
    return counts


def compiler_errors(layout: Layout, log: str) -> list[str]:
    """Error lines of the compilers, from the runner's build logs (``log_file=``) and the pytest log."""
    texts = [tail(path, 20000) for path in sorted(layout.run.rglob("*.log"))] + [log]
    lines = [found.group(1).strip() for text in texts for found in _COMPILER_ERROR.finditer(text)]
    # Icarus's "sorry" lines are often mere notes: a real error, when there is one, comes first.
    ordered = sorted(dict.fromkeys(lines), key=lambda line: "sorry:" in line)
    return [line.replace(f"{layout.code}/", "") for line in ordered]


def _first_line(message: str, kind: str | None) -> str:
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    text = " | ".join(lines[:2]) if lines else "failed"
    return (f"{kind}: {text}" if kind and kind not in text else text)[:300]


def _first_error(log: str) -> str:
    found = re.search(r"^E\s+(.+)$|^(ERROR .+)$", log, re.MULTILINE)
    return (found.group(1) or found.group(2)).strip()[:300] if found else "see the log"


def _joined_paths(*parts: str | None) -> str:
    return os.pathsep.join(part for part in parts if part)
