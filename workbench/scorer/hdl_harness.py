"""A public suite's self-checking HDL testbench (VerilogEval, RTLLM), judged by that suite's own pass rule.

Imported tasks keep their suite's testbench instead of a cocotb one (see :mod:`workbench.task.format`
and :mod:`workbench.scorer._testbenches`). The HDL testbench is compiled with the candidate; the
candidate passes iff it compiles, the run ends in time and its output matches the suite's pass
pattern and not its fail pattern (e.g. VerilogEval's ``Mismatches: 0 in N samples``, RTLLM's
``Your Design Passed``).

Every build and run happens in the candidate's own fresh folder, in a sandboxed child with the
task's limits and no network, like the cocotb path in :mod:`workbench.scorer.simulation`: the run sees
read-only copies of the task's files in that folder (never the task folder itself), and writes
only there (a Verilator build also writes the compiler cache; the simulation does not).
Infrastructure errors come from the harness's own state (the sandbox did not start a command, the
disk is full, a tool is missing), never from what the candidate's run printed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from workbench.sandbox import Limits, RunOutcome, clean_env, log_tail, run_limited
from workbench.scorer.result import Result, Stage, Status
from workbench.sim import BUILD_FILE_LIMIT_MB, Simulator, compiler_cache, compiler_lines
from workbench.task.format import HdlTestbench, Task

_SIMULATOR_NOTE = re.compile(r"^- (Verilator|S i m)|^VCD info")  # the simulator's own closing lines


def run_hdl_testbench(task: Task, code: str, simulator: Simulator, folder: Path, result: Result) -> Result:
    """Judge ``code`` with ``task``'s HDL testbench, in ``folder`` (fresh, the candidate's), into ``result``."""
    bench = task.config.testbench
    assert isinstance(bench, HdlTestbench)
    limits = task.config.limits
    if simulator.executable() is None:
        return result.conclude(Status.INFRA_ERROR, f"{simulator.name} is not installed: {simulator.missing_hint()}", "")
    run = folder / "run"
    run.mkdir()
    (run / bench.candidate_file).write_text(code)
    for name in [*bench.sources, *bench.data_files]:
        target = run / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(task.folder / name, target)
    env = clean_env(simulator.env())
    argv = simulator.hdl_build_argv([bench.candidate_file, *bench.sources], bench.top, bench.compile_flags)
    build = run_limited(argv, cwd=run, env=env, log_path=folder / "build.log",
                        limits=Limits(limits.compile_s, limits.memory_mb, max(limits.output_mb, BUILD_FILE_LIMIT_MB)),
                        writable=(run, *compiler_cache(env)))
    result.durations_s[Stage.COMPILE] = build.duration_s
    if _failed_build(result, build, log_tail(folder / "build.log", run), bench, limits.compile_s):
        return result
    test = run_limited(simulator.hdl_run_argv(), cwd=run, env=env, log_path=folder / "test.log",
                       limits=Limits(limits.sim_s, limits.memory_mb, limits.output_mb))
    result.durations_s[Stage.SIMULATE] = test.duration_s
    return _judge_run(result, test, log_tail(folder / "test.log", run), bench, limits.sim_s)


def _failed_build(result: Result, build: RunOutcome, log: str, bench: HdlTestbench, limit_s: float) -> bool:
    """Whether the build failed; if so ``result`` holds the verdict."""
    if build.infra_failure:
        result.conclude(Status.INFRA_ERROR, build.infra_failure, log[-4000:])
    elif build.timed_out:
        result.conclude(Status.TIMEOUT, f"compilation did not finish within {limit_s:g} s", log[-4000:])
    elif build.returncode != 0:
        lines = compiler_lines(log)
        first = lines[0] if lines else f"the compiler exited with status {build.returncode}"
        result.conclude(Status.FAIL_COMPILE, first, "\n".join(lines) or log[-4000:])
    elif bench.compiler_output_fails and log.strip():
        # The suite's own rule (VerilogEval v1): any compiler message fails the candidate.
        first = log.strip().splitlines()[0]
        result.conclude(Status.FAIL_COMPILE, f"compiler output (fails under this suite's rule): {first}", log[-4000:])
    else:
        return False
    return True


def _judge_run(result: Result, test: RunOutcome, log: str, bench: HdlTestbench, limit_s: float) -> Result:
    if test.infra_failure:
        return result.conclude(Status.INFRA_ERROR, test.infra_failure, log[-4000:])
    if test.timed_out:
        return result.conclude(Status.TIMEOUT, f"simulation did not finish within {limit_s:g} s", log[-4000:])
    if test.output_limit_hit:
        return result.conclude(Status.CRASH, "the simulation exceeded the output-size limit", log[-4000:])
    if bench.fail_pattern and (found := re.search(bench.fail_pattern, log, re.MULTILINE)):
        return result.conclude(Status.FAIL_FUNCTIONAL, f"the testbench reported: {_line_of(log, found)}", log[-4000:])
    if passed := re.search(bench.pass_pattern, log, re.MULTILINE):
        return result.conclude(Status.PASS, "", f"the testbench reported: {_line_of(log, passed)}")
    if test.signal_name:
        return result.conclude(Status.CRASH, f"the simulation died of {test.signal_name}", log[-4000:])
    last = next((line.strip() for line in reversed(log.splitlines())
                 if line.strip() and not _SIMULATOR_NOTE.match(line)), "no output")
    return result.conclude(Status.FAIL_FUNCTIONAL, f"no pass line; the testbench ended with: {last[:200]}", log[-4000:])


def _line_of(text: str, match: re.Match) -> str:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start:end if end >= 0 else None].strip()[:200]
