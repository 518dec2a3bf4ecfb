"""The simulation scorer (spec-to-rtl, completion): execute a candidate against a task and return a typed
:class:`Result`.

Stages: extract the code from the answer -> refuse forbidden system tasks -> check the interface
(pyslang) -> optionally lint (Verilator) -> compile -> simulate with cocotb -> read ``results.xml``
(an imported task's own testbench instead: :mod:`workbench.scorer._testbenches`). Without a
simulation (``run_tests=False``) a design that builds is ``compiled``, never ``pass``. Compilation
and simulation run in the sandbox (:mod:`workbench.sandbox`): the answer's folder is read-only but
for its build folder, the task's files are read-only copies, cocotb's ``results.xml`` goes to a
verdict folder of its own, and a verdict whose tests are not exactly the task's tests is the
answer's failure, never a pass. A missing ``results.xml`` is a crash or a timeout.
``infra_error`` comes only from the harness's own state (a missing tool or test module, a sandbox
that did not start, a full disk), never from text the answer can print.
"""

from __future__ import annotations

import ast
import functools
import json
import shutil
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

from workbench.answer.extract import ExtractionError, extract_scala, extract_verilog
from workbench.hdl.chisel import ChiselUnavailable, InterfaceMismatch, wrap
from workbench.hdl.forbidden import forbidden_constructs
from workbench.hdl.interface import InterfaceReport, check_interface, outline_design
from workbench.hdl.lint import lint
from workbench.sandbox import Limits, RunOutcome, call_isolated, clean_env, isolation_name, log_tail, run_limited
from workbench.scorer._batch import (
    TEST_SEPARATOR,
    WRAPPER,
    batch_form,
    candidate_file,
    description,
    instance_file,
    instance_name,
    module_suffix,
    original_text,
    wrapper_module,
)
from workbench.scorer._chisel import elaborate_chisel
from workbench.scorer._scorer import ScoreOptions, answer_folder, simulator_of
from workbench.scorer._testbenches import run_suite_testbench
from workbench.scorer.result import Result, Stage, Status
from workbench.sim import BUILD_FILE_LIMIT_MB, Simulator, compiler_cache, compiler_lines, get_simulator
from workbench.sim._job import COMMAND_FAILED
from workbench.sim.results import read_testcases
from workbench.task.format import Task, TaskLimits
from workbench.task.suite import PROJECT_ROOT

_PARSER_LIMITS = Limits(wall_s=30, memory_mb=2048)  # pyslang on an answer, in the isolated worker


class SimulationScorer:
    """spec-to-rtl and completion tasks: the answer's design simulated against the task's testbench."""

    name = "simulation"
    version = 1
    batches = True

    def check(self, task: Task, options: ScoreOptions) -> None:
        simulator_of(task, options)

    def score(self, task: Task, answers: Sequence[str], options: ScoreOptions) -> list[Result]:
        return score_many(task, answers, simulator_of(task, options), options)


def score(task: Task, candidate: str, sim: str | None = None, options: ScoreOptions = ScoreOptions()) -> Result:
    """Score the model answer ``candidate`` for ``task`` on simulator ``sim`` (None: ``options.sim``,
    else the task's first), whether or not the task lists it (:class:`SimulationScorer` checks that)."""
    sim = _simulator_name(task, sim, options)
    simulator = get_simulator(sim)
    result = _new_result(task, sim, options)
    if options.language == "chisel":
        return _score_chisel(task, candidate, simulator, options, result)
    code = _extracted(candidate, result)
    if code is None:
        return result
    return _score_code(task, code, simulator, options, result)


def score_many(task: Task, candidates: Sequence[str], sim: str | None = None,
               options: ScoreOptions = ScoreOptions()) -> list[Result]:
    """Score several answers for ``task``; the results are in the order of ``candidates`` and
    identical to scoring each answer alone with :func:`score`.

    On Icarus, answers to a cocotb task share simulator processes (see :mod:`workbench.scorer._batch`).
    Verilator randomises uninitialised state variable by variable, so a neighbour would change an
    answer's initial values: there every answer runs alone.
    """
    sim = _simulator_name(task, sim, options)
    simulator = get_simulator(sim)
    if len(candidates) < 2 or not _batches(task, simulator, options):
        return [score(task, candidate, sim, options) for candidate in candidates]
    results, waiting = [], []
    for candidate in candidates:
        result = _new_result(task, sim, options)
        results.append(result)
        code = _extracted(candidate, result)
        report = None if code is None else _checked_before_build(task, code, simulator, result)
        if code is not None and report is not None:
            waiting.append(_Waiting(result, code, report))
    _score_batched(task, waiting, simulator, options)
    return results


def _simulator_name(task: Task, sim: str | None, options: ScoreOptions) -> str:
    return sim or options.sim or task.config.simulators[0]


def _batches(task: Task, simulator: Simulator, options: ScoreOptions) -> bool:
    return (simulator.name == "icarus" and task.config.testbench.kind == "cocotb" and options.run_tests
            and all(port.direction != "inout" for port in task.config.ports)
            and not (options.lint or options.waves or options.keep_build) and options.language != "chisel")


def _new_result(task: Task, sim: str, options: ScoreOptions) -> Result:
    seed = options.seed if options.seed is not None else zlib.crc32(task.id.encode()) & 0x7FFFFFFF
    return Result(task_id=task.id, simulator=sim, status=Status.INFRA_ERROR, seed=seed, isolation=isolation_name())


def _extracted(candidate: str, result: Result) -> str | None:
    """The Verilog code of the answer, or None with ``result`` finished as ``fail_extract``."""
    started = time.monotonic()
    try:
        return extract_verilog(candidate).code
    except ExtractionError as problem:
        result.conclude(Status.FAIL_EXTRACT, str(problem))
        return None
    finally:
        result.durations_s[Stage.EXTRACT] = time.monotonic() - started


def _score_chisel(task: Task, candidate: str, simulator: Simulator, options: ScoreOptions, result: Result) -> Result:
    """Chisel answers: compile and elaborate to SystemVerilog, wrap in the task's interface, then
    the Verilog stages."""
    started = time.monotonic()
    try:
        source = extract_scala(candidate)
    except ExtractionError as problem:
        return result.conclude(Status.FAIL_EXTRACT, str(problem))
    finally:
        result.durations_s[Stage.EXTRACT] = time.monotonic() - started
    folder = answer_folder(task, options.workdir, simulator.name)
    result.artefacts = folder
    try:
        verilog = elaborate_chisel(source, task.chisel_top, folder / "chisel", task.config.limits.compile_s, result)
    except ChiselUnavailable as missing:
        return result.conclude(Status.INFRA_ERROR, str(missing))
    if verilog is None:
        return result
    call = call_isolated(outline_design, verilog, task.chisel_top, limits=_PARSER_LIMITS)
    if call.failure or call.value is None or call.value.top is None:
        return result.conclude(Status.FAIL_INTERFACE, f"Chisel emitted no module {task.chisel_top}")
    try:
        code = wrap(task, verilog, call.value, task.chisel_top)
    except InterfaceMismatch as mismatch:
        return result.conclude(Status.FAIL_INTERFACE, str(mismatch))
    return _score_code(task, code, simulator, options, result, folder)


def _score_code(task: Task, code: str, simulator: Simulator, options: ScoreOptions,
                result: Result, folder: Path | None = None) -> Result:
    report = _checked_before_build(task, code, simulator, result)
    if report is None:
        return result
    return _build_and_test(task, code, report, simulator, options, result, folder)


def _checked_before_build(task: Task, code: str, simulator: Simulator, result: Result) -> InterfaceReport | None:
    """The checks before any build: forbidden calls, the interface, the simulator's presence. Returns
    the interface report, or None with ``result`` finished."""
    config = task.config
    data_files = sorted({Path(name).name for name in config.support_files}
                        | {Path(name).name for name in getattr(config.testbench, "data_files", [])})
    vetting = call_isolated(functools.partial(forbidden_constructs, data_files=data_files,
                                              text_verdict=config.testbench.kind == "hdl"), code, limits=_PARSER_LIMITS)
    if vetting.failure:
        result.conclude(Status.FAIL_COMPILE,
                        f"the design could not be checked for forbidden constructs ({vetting.failure})")
        return None
    if vetting.value:
        result.conclude(Status.FAIL_COMPILE, f"forbidden: {', '.join(map(str, vetting.value))}: "
                                             "file, process and host access are not allowed")
        return None
    started = time.monotonic()
    report = _check_interface_isolated(code, task)
    result.durations_s[Stage.INTERFACE] = time.monotonic() - started
    if not report.ok:
        result.diagnostics = "\n".join(report.problems + report.warnings)
        result.conclude(Status.FAIL_INTERFACE, "; ".join(report.problems))
        return None
    if simulator.executable() is None:
        result.conclude(Status.INFRA_ERROR, f"{simulator.name} is not installed: {simulator.missing_hint()}")
        return None
    result.tool_versions |= {simulator.name: simulator.version() or "unknown", "cocotb": package_version("cocotb")}
    return report


def _build_and_test(task: Task, code: str, report: InterfaceReport, simulator: Simulator, options: ScoreOptions,
                    result: Result, folder: Path | None = None) -> Result:
    folder = folder or answer_folder(task, options.workdir, simulator.name)
    result.artefacts = folder
    if task.config.testbench.kind != "cocotb" and options.run_tests:  # a build-only check needs no testbench
        return _score_with_suite_harness(task, code, simulator, folder, report, result, options)
    job = _write_job(task, {"candidate.sv": code}, task.config.top, task.test_module if options.run_tests else None,
                     simulator, result.seed, options, folder)
    try:
        if options.lint and not _lint_passes(task, folder, result):
            return result
        result = _compile_and_simulate(task, simulator, job, folder, result, options.run_tests)
        result.diagnostics = "\n".join([*report.warnings, result.diagnostics]).strip()
        return result
    finally:
        if not options.keep_build:
            shutil.rmtree(folder / "build", ignore_errors=True)


@dataclass
class _Waiting:
    """An answer that passed the checks before the build, waiting for its simulation."""

    result: Result
    code: str
    report: InterfaceReport


def _score_batched(task: Task, waiting: list[_Waiting], simulator: Simulator, options: ScoreOptions) -> None:
    """Simulate the waiting answers in batches; whatever cannot join one, or fails in one, alone."""
    forms = {}
    for index, entry in enumerate(waiting):
        # one call each: an answer that crashes the parser runs alone and keeps nobody else from a batch
        call = call_isolated(batch_form, entry.code, module_suffix(index), limits=_PARSER_LIMITS)
        if call.failure is None and call.value.code is not None:
            forms[index] = call.value.code
    members = list(forms)
    judged: set[int] = set()
    for _ in range(_BATCH_ATTEMPTS):
        if len(members) < 2:
            break
        batch = _run_batch(task, waiting, {i: forms[i] for i in members}, simulator, options)
        judged |= batch.judged
        members = batch.again
    for index, entry in enumerate(waiting):
        if index not in judged:
            _build_and_test(task, entry.code, entry.report, simulator, options, entry.result)


_BATCH_ATTEMPTS = 2  # a batch, then once more without the answers that broke its build


@dataclass(frozen=True)
class _BatchOutcome:
    judged: set[int]  # answers with a verdict
    again: list[int]  # answers worth another batch: the rest when some others broke the build


def _run_batch(task: Task, waiting: list[_Waiting], forms: dict[int, str], simulator: Simulator,
               options: ScoreOptions) -> _BatchOutcome:
    """Build and simulate ``forms`` (index -> batch form) together and judge each answer. After a
    crash, a timeout or anything unexpected, no answer is judged: they all run alone."""
    limits = task.config.limits
    folder = answer_folder(task, options.workdir, f"{simulator.name}-batch")
    files = {instance_file(i): candidate_file(code) for i, code in forms.items()}
    files[f"{WRAPPER}.sv"] = wrapper_module(task.config, list(forms))
    seed = waiting[0].result.seed
    job = _write_job(task, files, WRAPPER, "workbench.scorer._batch_tests", simulator, seed, options, folder)
    env = clean_env(simulator.env()) | {"RTLWB_BATCH": json.dumps(description(task.test_module, list(forms)))}
    try:
        build = _run_stage("build", job, folder, env, _build_limits(limits), simulator)
        build_lines = compiler_lines(log_tail(folder / "build.log", folder))
        if not build.ok:
            broken = {i for i in forms if any(_is_error_in(line, instance_file(i)) for line in build_lines)}
            again = [i for i in forms if i not in broken] if broken and build.returncode == COMMAND_FAILED else []
            return _BatchOutcome(set(), again)
        test = _run_stage("test", job, folder, env, _test_limits(limits), simulator)
        cases = _read_testcases(folder / _VERDICT / "results.xml")
        by_instance = _cases_by_instance(cases or [], [instance_name(i) for i in forms], expected_tests(task))
        if not test.ok or by_instance is None:
            return _BatchOutcome(set(), [])
        for i in forms:
            entry = waiting[i]
            entry.result.artefacts = folder
            entry.result.durations_s[Stage.COMPILE] = build.duration_s / len(forms)
            entry.result.durations_s[Stage.SIMULATE] = test.duration_s / len(forms)
            own = [original_text(line, i, "candidate.sv", instance_file(i))
                   for line in build_lines if line.startswith(f"{instance_file(i)}:")]
            entry.result.diagnostics = "\n".join([*entry.report.warnings, *own]).strip()
            _judge_counts(entry.result, _tally(by_instance[instance_name(i)]))
        return _BatchOutcome(set(forms), [])
    finally:
        shutil.rmtree(folder / "build", ignore_errors=True)


def _is_error_in(line: str, source: str) -> bool:
    """Whether compiler line ``line`` (paths relative to the build folder) is an error in ``source``."""
    return line.startswith(f"{source}:") and "warning" not in line.lower()


def _cases_by_instance(cases: list[tuple[str, str | None]], instances: list[str],
                       expected: frozenset[str] | None) -> dict[str, list[tuple[str, str | None]]] | None:
    """A batch's testcases by instance, under their own names; None unless every instance ran the
    same tests, the task's own when they are known (anything else is a broken batch, not a verdict:
    its answers run alone)."""
    grouped: dict[str, list[tuple[str, str | None]]] = {name: [] for name in instances}
    for name, message in cases:
        instance, _, test = name.partition(TEST_SEPARATOR)
        if instance not in grouped:
            return None
        grouped[instance].append((test, message))
    counts = {len(group) for group in grouped.values()}
    if expected is not None and any(_unexpected(group, expected) for group in grouped.values()):
        return None
    return grouped if len(counts) == 1 and counts != {0} else None


def _score_with_suite_harness(task: Task, code: str, simulator: Simulator, folder: Path, report: InterfaceReport,
                              result: Result, options: ScoreOptions) -> Result:
    """An imported task: its public suite's own testbench and pass rule (see workbench.scorer._testbenches)."""
    result = run_suite_testbench(task, code, simulator, folder, result)
    result.diagnostics = "\n".join([*report.warnings, result.diagnostics]).strip()
    if not options.keep_build:
        for build in ("run", "sim_build"):
            shutil.rmtree(folder / build, ignore_errors=True)
    return result


def _check_interface_isolated(code: str, task: Task) -> InterfaceReport:
    """The interface check, in a forked child: pyslang must not take the orchestrator down."""
    call = call_isolated(check_interface, code, task.config, limits=_PARSER_LIMITS)
    if call.failure:
        # No definite evidence against the interface: the simulator's compiler decides.
        return InterfaceReport(checked=False, warnings=[f"interface check skipped: the parser {call.failure}"])
    return call.value


def _lint_passes(task: Task, folder: Path, result: Result) -> bool:
    """Lint the candidate; on errors the result becomes ``fail_compile`` and False is returned."""
    started = time.monotonic()
    report = lint(folder / "candidate.sv", task.config.top)
    result.durations_s[Stage.LINT] = time.monotonic() - started
    if report.skipped:
        result.lint = [f"lint skipped: {report.skipped}"]
        return True
    result.lint = [str(message) for message in report.messages]
    if report.errors:
        result.diagnostics = "\n".join(result.lint)
        result.conclude(Status.FAIL_COMPILE, f"Verilator lint: {report.errors[0]}")
        return False
    return True


def _compile_and_simulate(task: Task, simulator: Simulator, job: Path, folder: Path, result: Result,
                          run_tests: bool) -> Result:
    limits = task.config.limits
    env = clean_env(simulator.env())
    build = _run_stage("build", job, folder, env, _build_limits(limits), simulator)
    result.durations_s[Stage.COMPILE] = build.duration_s
    build_log = folder / "build.log"
    if not build.ok:
        return _judge_build_failure(result, build, log_tail(build_log, folder), limits.compile_s)
    result.diagnostics = "\n".join(compiler_lines(log_tail(build_log, folder)))
    if not run_tests:
        return result.conclude(Status.COMPILED, "built cleanly; function not checked (no testbench ran)")
    test = _run_stage("test", job, folder, env, _test_limits(limits), simulator)
    result.durations_s[Stage.SIMULATE] = test.duration_s
    return _judge_simulation(result, test, folder, limits.sim_s, expected_tests(task))


def _build_limits(limits: TaskLimits) -> Limits:
    # Compilers legitimately write large files (Verilator's precompiled headers pass 100 MB): the
    # build gets room for those; the output limit proper is for what the candidate's simulation writes.
    return Limits(limits.compile_s, limits.memory_mb, max(limits.output_mb, BUILD_FILE_LIMIT_MB))


def _test_limits(limits: TaskLimits) -> Limits:
    return Limits(limits.sim_s, limits.memory_mb, limits.output_mb)


def _run_stage(stage: str, job: Path, folder: Path, env: dict[str, str], limits: Limits,
               simulator: Simulator) -> RunOutcome:
    """One stage in the sandbox. The answer's folder (its sources, the job, the task's copies) is
    read-only; the build writes its build folder (and Verilator's compiler cache: compilers, not the
    answer, write there), the test its build folder and the verdict folder."""
    argv = [sys.executable, "-m", "workbench.sim._job", stage, str(job)]
    writable = [folder / "build"]
    if stage == "build":
        writable += compiler_cache(env)
    if stage == "test":
        writable.append(folder / _VERDICT)
    return run_limited(argv, cwd=folder, env=env, limits=limits, log_path=folder / f"{stage}.log", writable=writable)


def _judge_build_failure(result: Result, build: RunOutcome, text: str, limit_s: float) -> Result:
    abnormal = _abnormal_end(result, build, text, "compilation", limit_s)
    if abnormal is not None:
        return abnormal
    if build.returncode != COMMAND_FAILED and build.signal_name is None:
        # Our build child exits 3 when the compiler failed; anything else is the child itself (the
        # answer's code never runs in it, and its output cannot choose this exit status).
        # The compiler never ran or never finished its report: our harness failed, not the candidate.
        result.diagnostics = text[-4000:]
        last = text.strip().splitlines()[-1] if text.strip() else f"exit status {build.returncode}"
        return result.conclude(Status.INFRA_ERROR, f"the build harness failed: {last}")
    lines = compiler_lines(text)
    result.diagnostics = "\n".join(lines) or text[-4000:]
    first = lines[0] if lines else f"the compiler exited with status {build.returncode}"
    return result.conclude(Status.FAIL_COMPILE, first)


def _judge_simulation(result: Result, test: RunOutcome, folder: Path, limit_s: float,
                      expected: frozenset[str] | None) -> Result:
    log_text = log_tail(folder / "test.log", folder)
    cases = _read_testcases(folder / _VERDICT / "results.xml")
    if cases is not None and expected is not None and _unexpected(cases, expected):
        names = ", ".join(sorted({name for name, _ in cases})) or "none"
        result.diagnostics = log_text[-4000:]
        return result.conclude(Status.CRASH, f"the simulation reported tests ({names}) other than the task's "
                                             f"({', '.join(sorted(expected))})")
    counts = None if cases is None else _tally(cases)
    if test.timed_out or counts is None:
        abnormal = _abnormal_end(result, test, log_text, "simulation", limit_s)
        if abnormal is not None:
            return abnormal
        reason = f"signal {test.signal_name}" if test.signal_name else f"exit status {test.returncode}"
        result.diagnostics = log_text[-4000:]
        return result.conclude(Status.CRASH, f"the simulator ended without results ({reason})")
    _judge_counts(result, counts)
    if result.status == Status.PASS and test.returncode != 0:
        return result.conclude(Status.CRASH, f"all tests passed but the simulator exited with status {test.returncode}")
    return result


def _judge_counts(result: Result, counts: tuple[int, int, str]) -> Result:
    result.tests_run, result.tests_failed, first_failure = counts
    if result.tests_run == 0:
        return result.conclude(Status.CRASH, "no test ran")
    if result.tests_failed:
        return result.conclude(Status.FAIL_FUNCTIONAL, first_failure)
    return result.conclude(Status.PASS, "")


def _abnormal_end(result: Result, outcome: RunOutcome, log_text: str, what: str, limit_s: float) -> Result | None:
    """The verdict for a stage that timed out, hit the output limit or met broken infrastructure
    (as the sandbox measured it: never a line of the log, which the answer can write)."""
    if outcome.timed_out:
        return result.conclude(Status.TIMEOUT, f"{what} did not finish within {limit_s:g} s")
    if outcome.infra_failure:
        result.diagnostics = log_text[-4000:]
        return result.conclude(Status.INFRA_ERROR, outcome.infra_failure)
    if outcome.output_limit_hit:
        return result.conclude(Status.CRASH, f"the {what} exceeded the output-size limit")
    return None


def _read_testcases(path: Path) -> list[tuple[str, str | None]] | None:
    """(name, failure message or None) of each testcase in cocotb's JUnit file; None if unusable."""
    cases = read_testcases(path)
    if cases is None:
        return None
    return [(case.name or "", None if case.failure is None else case.failure.message or case.failure.kind or "failed")
            for case in cases]


def _tally(cases: list[tuple[str, str | None]]) -> tuple[int, int, str]:
    failures = [f"{name}: {message}" for name, message in cases if message is not None]
    return len(cases), len(failures), failures[0] if failures else ""


def _unexpected(cases: list[tuple[str, str | None]], expected: frozenset[str]) -> bool:
    """Whether ``cases`` are not exactly the task's tests, each once."""
    names = [name for name, _ in cases]
    return len(names) != len(expected) or set(names) != expected


def expected_tests(task: Task) -> frozenset[str] | None:
    """The names of the task's cocotb tests, read from its test module's source (the harness's own
    record, not the simulator's word); None when they cannot be told statically."""
    return _tests_in(task.folder / f"{task.test_module}.py")


@functools.lru_cache(maxsize=256)
def _tests_in(module: Path) -> frozenset[str] | None:
    try:
        tree = ast.parse(module.read_text())
    except (OSError, SyntaxError, ValueError):
        return None
    names = set()
    for node in tree.body:
        if not isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef):
            continue
        decorators = [ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
        if any(d.endswith("parametrize") for d in decorators):
            return None  # one function, several tests: cocotb names them
        if "cocotb.test" in decorators:
            names.add(node.name)
    return frozenset(names) or None


def _write_job(task: Task, sources: dict[str, str], top: str, test_module: str | None, simulator: Simulator,
               seed: int, options: ScoreOptions, folder: Path) -> Path:
    """The build and test description for :mod:`workbench.sim._job`; ``sources`` are written into
    ``folder`` (name -> text) and compiled in that order."""
    build_dir = folder / "build"
    build_dir.mkdir()
    (folder / _VERDICT).mkdir()
    for name, text in sources.items():
        (folder / name).write_text(text)
    for name in task.config.support_files:
        shutil.copy(task.folder / name, build_dir / Path(name).name)
    task_copy = _copy_task_modules(task, folder)
    job = {
        "runner": simulator.runner,
        "sources": [str(folder / name) for name in sources],
        "top": top,
        "build_dir": str(build_dir),
        "timescale": ["1ns", "1ps"],
        "build_args": simulator.build_args(),
        "parameters": {},
        "waves": options.waves,
        "test_module": test_module,
        "seed": seed,
        "plusargs": simulator.plusargs(seed),
        "results_xml": str(folder / _VERDICT / "results.xml"),
        "python_path": [str(task_copy), str(PROJECT_ROOT)],
    }
    path = folder / "job.json"
    path.write_text(json.dumps(job, indent=2))
    return path


_VERDICT = "verdict"  # the folder cocotb's results go to: the answer's simulation writes nothing else there
_TASK_COPY = "task"  # read-only copies of the task's Python modules: the task folder itself is not visible


def _copy_task_modules(task: Task, folder: Path) -> Path:
    copy = folder / _TASK_COPY
    copy.mkdir()
    for module in task.folder.glob("*.py"):
        shutil.copy(module, copy / module.name)
    return copy

