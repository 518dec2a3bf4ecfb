"""How fast the workbench scores candidates, and how far that is from the simulator's own cost.

The candidate set is fixed and reproducible. Per task of the ``accel`` suite, ``--samples`` answers:
the reference, the port-only stub, the task's deliberately wrong variants
(``tests/benchmarks/accel/<task>/wrong_*.sv``, the ones its self-test proves the testbench fails),
and duplicates of these drawn with a seeded generator to fill the count, in a seeded order (an
answer repeated by a model is scored again: nothing is cached). Each is a model answer (the code in
a Markdown fence) scored on its own by the workbench's real scorer, as a benchmark run does; the
script checks every verdict as it goes (references pass, stubs and wrong variants fail, duplicates
agree with their originals, no infrastructure error) and aborts on a wrong one. Duplicates are
drawn uniformly from the task's originals, so the expected mix does not depend on the count;
fewer samples than originals keep the reference, the stub and the first wrong variants.

The floor is what the simulator itself needs for the same design: per task, a bare
``iverilog -g2012`` + ``vvp`` run of the reference with a plain SystemVerilog testbench written
here (clock, reset as the task configures it, random inputs, an output checksum, no checking),
for as many clock cycles as the cocotb tests simulated on the reference (combinational tasks: one
input vector per simulated nanosecond, the suite's settle time), measured in the same run on the
same machine: one by one, right after the task's samples (so a change in load falls on both);
with ``--jobs`` above 1, once all candidates are scored. The ratio is the workbench's seconds per
sample (elapsed time / samples, the inverse of the throughput) over the floor's (the mean over
the tasks of iverilog + vvp).

    .venv/bin/python benchmarks/perf/scoring.py [--tasks N] [--samples 20] [--sim icarus|verilator]
        [--jobs 1] [--batch 1] [--compare] [--sandbox-runs 50] [--sandbox-cost-full] [--lint] [--seed 0]
        [--floor-repeat 3] [--json out.json]

``--jobs 1 --batch 1`` (the default) is sequential one-by-one scoring: the baseline of issue 10.
``--batch N`` hands each task's candidates to ``score_many`` in groups of up to N (one simulator
process per group, see workbench/scorer/_batch.py), as a benchmark run does; ``--jobs N`` scores N groups
at once in a process pool. ``--compare`` first scores the same set sequentially one by one, then as
configured, checks that every candidate got the same verdict both ways and prints the speed-up.
Run it on an otherwise idle machine; the README quotes its output.

``--compare`` also reports the sandbox's cost (issue 17: every compile and simulation of an answer
runs under bubblewrap, see workbench/sandbox.py), in the JSON's ``sandbox`` block:

- ``per_run_ms``: the median wall time of a no-op command (``true``) through ``run_limited`` in
  the sandbox and with the sandbox waived (``RTLWB_UNSAFE_NO_SANDBOX=1``: a plain child process
  with rlimits), ``--sandbox-runs`` runs each, interleaved (ABBA) once all scoring is done, and
  the difference of the two medians: what the sandbox adds to every run (target: under 20 ms);
- ``runs_per_answer``: the sandboxed runs (``run_limited`` calls, counted by a wrapper around it
  while each group is scored) per answer, one by one (build + test: 2, fewer for an answer that
  fails before its test) and as configured (a batch's build + test shared by its answers, plus
  the answers that fell back to running alone);
- ``added_ms_per_answer``: runs per answer x the added ms per run, both ways;
- ``whole_run`` (only with ``--sandbox-cost-full``, which implies ``--compare``): the same set
  scored once more sequentially one by one with the sandbox waived, right after the sandboxed
  one-by-one baseline; its verdicts must be identical, and the seconds per answer of the two
  give the sandbox's cost per answer measured on real scoring (noisier than the no-op figure: a
  change in load between the two runs falls on it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

from workbench import sandbox
from workbench.eval.units import split_evenly
from workbench.scorer import ScoreOptions, get_scorer, score, score_many
from workbench.scorer.result import Result, Stage, Status
from workbench.sim import get_simulator
from workbench.task.format import Task
from workbench.task.stub import port_only_stub
from workbench.task.suite import PROJECT_ROOT, load_suite

WRONG_VARIANTS = PROJECT_ROOT / "tests" / "benchmarks" / "accel"
FALLBACK_CYCLES = 1000  # when the reference's results.xml gives no simulated time
STAGE_NAMES = {Stage.EXTRACT: "extract", Stage.INTERFACE: "interface check", Stage.LINT: "lint",
               Stage.CHISEL: "chisel", Stage.COMPILE: "compile (build)", Stage.SIMULATE: "simulate (test run)",
               Stage.FORMAL: "formal"}


class WrongVerdict(Exception):
    """A verdict the candidate set says is wrong: the figures would measure a broken scorer."""


@dataclass(frozen=True)
class Candidate:
    task: Task
    kind: str  # reference | stub | wrong
    name: str  # reference, stub or the wrong variant's file stem; duplicates share it
    answer: str
    duplicate: bool = False


# --- the candidate set ---------------------------------------------------------------------------
def candidate_set(tasks: list[Task], samples: int, seed: int) -> list[Candidate]:
    """``samples`` candidates per task, task after task, in a seeded order within each task."""
    chosen: list[Candidate] = []
    for task in tasks:
        base = [Candidate(task, "reference", "reference", _answer(task.reference_text())),
                Candidate(task, "stub", "stub", _answer(port_only_stub(task.config)))]
        base += [Candidate(task, "wrong", path.stem, _answer(path.read_text())) for path in wrong_variants(task)]
        generator = random.Random(f"{seed}:{task.id}")  # str seeds are hashed stably across runs
        picked = base[:samples]
        picked += [_duplicate(generator.choice(base)) for _ in range(samples - len(picked))]
        generator.shuffle(picked)
        chosen += picked
    return chosen


def wrong_variants(task: Task) -> list[Path]:
    return sorted((WRONG_VARIANTS / task.id).glob("wrong_*.sv"))


def _answer(code: str) -> str:
    return f"```systemverilog\n{code.rstrip()}\n```\n"


def _duplicate(candidate: Candidate) -> Candidate:
    return Candidate(candidate.task, candidate.kind, candidate.name, candidate.answer, duplicate=True)


# --- scoring and checking --------------------------------------------------------------------------
@dataclass
class Scored:
    candidate: Candidate
    result: Result
    wall_s: float
    runs: float = 0.0  # sandboxed runs (run_limited calls): its group's over the group's size


class VerdictCheck:
    """References pass, stubs fail functionally (the self-test's rule), wrong variants fail, a
    duplicate gets its original's verdict, and nothing is an infrastructure error."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], Status] = {}

    def __call__(self, scored: Scored) -> None:
        candidate, result = scored.candidate, scored.result
        where = f"{candidate.task.id}/{candidate.name}{' (duplicate)' if candidate.duplicate else ''}"
        detail = f"{result.summary()}\n{result.diagnostics[-1500:]}".rstrip()
        if result.status == Status.INFRA_ERROR:
            raise WrongVerdict(f"{where}: infrastructure error, the figures would be meaningless: {detail}")
        if candidate.kind == "reference" and result.status != Status.PASS:
            raise WrongVerdict(f"{where}: the reference did not pass: {detail}")
        if candidate.kind == "stub" and result.status != Status.FAIL_FUNCTIONAL:
            raise WrongVerdict(f"{where}: the port-only stub was not failed by the tests: {detail}")
        if candidate.kind == "wrong" and not result.status.is_model_failure:
            raise WrongVerdict(f"{where}: a wrong variant was not failed: {detail}")
        first = self.seen.setdefault((candidate.task.id, candidate.name), result.status)
        if first != result.status:
            raise WrongVerdict(f"{where}: {result.status.value}, but the same answer scored {first.value} "
                               f"before: {detail}")


def score_all(candidates: list[Candidate], sim: str, jobs: int, batch: int, options: ScoreOptions,
              on_task_done=None) -> tuple[list[Scored], float]:
    """Every candidate scored by ``score_many()`` in groups of up to ``batch`` candidates of one
    task, ``jobs`` groups at a time (a process pool); the results, in candidate order, and the
    elapsed time. A sample's wall time (and its count of sandboxed runs) is its group's over the
    group's size. ``on_task_done(task,
    scored)`` is called when a task's last candidate is in; one by one (``jobs`` 1), the time it
    takes is not counted."""
    check = VerdictCheck()
    groups = candidate_groups(candidates, batch)
    left = Counter(c.task.id for c in candidates)
    scored: dict[int, Scored] = {}
    paused = 0.0

    def record(group: list[int], results: list[Result], wall_s: float, runs: int) -> None:
        nonlocal paused
        for index, result in zip(group, results):
            item = Scored(candidates[index], result, wall_s / len(group), runs / len(group))
            check(item)
            scored[index] = item
        task = candidates[group[0]].task
        left[task.id] -= len(group)
        if not left[task.id] and on_task_done:
            started = time.monotonic()
            on_task_done(task, [s for s in scored.values() if s.candidate.task.id == task.id])
            paused += time.monotonic() - started

    started = time.monotonic()
    if jobs <= 1:
        for group in groups:
            record(group, *_score_group([candidates[i] for i in group], sim, options))
        return [scored[i] for i in range(len(candidates))], time.monotonic() - started - paused
    # spawn: the workers must not inherit this process's threads (the isolated-call worker's lock)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_score_group, [candidates[i] for i in group], sim, options): group for group in groups}
        for future in as_completed(futures):
            record(futures[future], *future.result())
    return [scored[i] for i in range(len(candidates))], time.monotonic() - started


def candidate_groups(candidates: list[Candidate], batch: int) -> list[list[int]]:
    """Indices of ``candidates``: each task's split into near-equal groups of at most ``batch``."""
    by_task: dict[str, list[int]] = {}
    for index, candidate in enumerate(candidates):
        by_task.setdefault(candidate.task.id, []).append(index)
    return [part for indices in by_task.values() for part in split_evenly(indices, -(-len(indices) // max(1, batch)))]


def _score_group(group: list[Candidate], sim: str, options: ScoreOptions) -> tuple[list[Result], float, int]:
    """The group's results, its wall time and the number of sandboxed runs it took."""
    get_scorer(group[0].task.kind)  # loaded before counting: counted_runs wraps the modules already loaded
    with counted_runs() as runs:
        started = time.monotonic()
        results = score_many(group[0].task, [c.answer for c in group], sim, options)
        elapsed = time.monotonic() - started
    return results, elapsed, runs[0]


@contextlib.contextmanager
def counted_runs() -> Iterator[list[int]]:
    """Count the calls of ``sandbox.run_limited`` meanwhile (in this process): the workbench's
    modules import it by name, so every loaded ``workbench`` module's reference is wrapped."""
    original = sandbox.run_limited
    count = [0]

    def counting(*args, **kwargs):
        count[0] += 1
        return original(*args, **kwargs)

    holders = [module for name, module in list(sys.modules.items())
               if name.split(".")[0] == "workbench" and getattr(module, "run_limited", None) is original]
    for module in holders:
        module.run_limited = counting
    try:
        yield count
    finally:
        for module in holders:
            module.run_limited = original


def compare_verdicts(baseline: list[Scored], scored: list[Scored]) -> list[str]:
    """Candidates whose verdict differs between the two runs, described."""
    return [f"{a.candidate.task.id}/{a.candidate.name}: one by one {a.result.verdict()}, now {b.result.verdict()}"
            for a, b in zip(baseline, scored) if a.result.verdict() != b.result.verdict()]


def simulated_ns(results_xml: Path) -> float | None:
    """The simulated time of a lone cocotb run, from its JUnit file (the last test's stop time)."""
    try:
        root = ElementTree.parse(results_xml).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    stops = [float(prop.get("value")) for prop in root.iter("property") if prop.get("name") == "sim_time_stop"]
    units = {prop.get("value") for prop in root.iter("property") if prop.get("name") == "sim_time_unit"}
    if not stops or units != {"ns"}:
        return None
    return max(stops)


# --- the floor: a bare iverilog + vvp run of the reference ----------------------------------------
def floor_cycles(task: Task, sim_ns: float | None) -> int:
    """Clock cycles (or input vectors) the cocotb tests simulated on the reference."""
    if not sim_ns:
        return FALLBACK_CYCLES
    step = task.config.clock.period_ns if task.config.clock else 1  # combinational: settle() is 1 ns
    return max(1, round(sim_ns / step))


def floor_testbench(task: Task, cycles: int) -> str:
    """A plain SV testbench: the top with its default parameters, a clock, reset for two cycles,
    random inputs every cycle away from the active edge, an output checksum; nothing checked."""
    config = task.config
    clock, reset = config.clock, config.reset
    special = {s.name for s in (clock, reset) if s is not None}
    inputs = [p for p in config.ports if p.direction == "input" and p.name not in special]
    outputs = [p for p in config.ports if p.direction != "input"]

    def declare(kind: str, port) -> str:
        width = f" [{port.width - 1}:0]" if port.width > 1 else ""
        return f"  {kind}{' signed' if port.signed else ''}{width} {port.name};\n"

    lines = ["`timescale 1ns/1ps\n", "module rtlwb_floor_tb;\n"]
    lines += [declare("reg", p) for p in config.ports if p.direction == "input"]
    lines += [declare("wire", p) for p in outputs]
    lines.append("  reg [63:0] checksum = 64'd0;\n  integer cycle;\n")
    connections = ", ".join(f".{p.name}({p.name})" for p in config.ports)
    lines.append(f"  {config.top} dut ({connections});\n")
    if clock:
        half = clock.period_ns / 2
        lines.append(f"  initial {clock.name} = 1'b0;\n  always #({half}) {clock.name} = ~{clock.name};\n")
    randomize = "".join(f"      {p.name} = {_random_value(p.width)};\n" for p in inputs)
    fold = "".join(f"      checksum = {{checksum[62:0], checksum[63]}} ^ {p.name};\n" for p in outputs)
    active, inactive = ("1'b0", "1'b1") if reset and reset.active_low else ("1'b1", "1'b0")
    wait = ""
    if clock:
        wait = f"      @({'negedge' if clock.edge == 'posedge' else 'posedge'} {clock.name});\n"
    lines.append("  initial begin\n")
    if reset:
        lines.append(f"    {reset.name} = {active};\n")
    lines.append(f"    for (cycle = 0; cycle < {cycles}; cycle = cycle + 1) begin\n")
    lines.append(wait or "")
    if reset:
        lines.append(f"      if (cycle == 2) {reset.name} = {inactive};\n")
    lines.append(randomize)
    if not clock:
        lines.append("      #1;\n")
    lines.append(fold)
    lines.append("    end\n")
    lines.append(f'    $display("floor done: %0d cycles, checksum %h", {cycles}, checksum);\n')
    lines.append("    $finish;\n  end\nendmodule\n")
    return "".join(lines)


def _random_value(width: int) -> str:
    words = (width + 31) // 32
    return "$urandom" if words == 1 else "{" + ", ".join(["$urandom"] * words) + "}"


def measure_floor(task: Task, cycles: int, folder: Path, repeat: int) -> dict:
    """Median seconds of ``iverilog -g2012`` and of ``vvp`` over ``repeat`` fresh builds."""
    folder.mkdir(parents=True)
    (folder / "tb.sv").write_text(floor_testbench(task, cycles))
    shutil.copy(task.reference_path, folder / "reference.sv")
    sources = ["tb.sv", "reference.sv"] + [Path(name).name for name in task.config.support_files]
    for name in task.config.support_files:
        shutil.copy(task.folder / name, folder / Path(name).name)
    iverilog, vvp = shutil.which("iverilog"), shutil.which("vvp")
    if not iverilog or not vvp:
        raise SystemExit("the floor needs iverilog and vvp on PATH")
    compile_times, run_times = [], []
    for _ in range(repeat):
        (folder / "sim").unlink(missing_ok=True)
        compile_times.append(_timed([iverilog, "-g2012", "-s", "rtlwb_floor_tb", "-o", "sim", *sources], folder))
        run_times.append(_timed([vvp, "-n", "sim"], folder, expect="floor done"))
    return {"cycles": cycles, "compile_s": statistics.median(compile_times), "run_s": statistics.median(run_times),
            "seconds": statistics.median(c + r for c, r in zip(compile_times, run_times))}


def _timed(argv: list[str], folder: Path, expect: str | None = None) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    if done.returncode != 0 or (expect and expect not in done.stdout):
        raise SystemExit(f"floor run failed in {folder}: {' '.join(argv)}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


# --- the sandbox's cost ------------------------------------------------------------------------------
SANDBOX_TARGET_MS = 20  # issue 17: what the sandbox may add to a run


@contextlib.contextmanager
def sandbox_waived(waived: bool = True) -> Iterator[None]:
    """Runs meanwhile (in this process and the processes it starts) without the sandbox
    (``waived``) or in it; the environment and the cached isolation are restored afterwards."""
    before = os.environ.get(sandbox._UNSAFE_VARIABLE)
    if waived:
        os.environ[sandbox._UNSAFE_VARIABLE] = "1"
    else:
        os.environ.pop(sandbox._UNSAFE_VARIABLE, None)
    sandbox.isolation.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(sandbox._UNSAFE_VARIABLE, None)
        else:
            os.environ[sandbox._UNSAFE_VARIABLE] = before
        sandbox.isolation.cache_clear()


def run_cost(folder: Path, runs: int) -> dict:
    """Median ms of a no-op command (``true``) through ``run_limited`` in the sandbox and with it
    waived, ``runs`` each, interleaved ABBA (a drift in load falls on both); the added ms is the
    difference of the medians. ``{"unavailable": why}`` where bubblewrap cannot run here."""
    problem = sandbox.sandbox_problem()
    if problem is not None:
        return {"unavailable": problem}
    folder.mkdir(parents=True, exist_ok=True)
    argv = [shutil.which("true") or "/bin/true"]
    times: dict[bool, list[float]] = {True: [], False: []}

    def once(waived: bool) -> float:
        with sandbox_waived(waived):
            started = time.perf_counter()
            outcome = sandbox.run_limited(argv, folder, sandbox.clean_env(), sandbox.Limits(wall_s=30),
                                          folder / "true.log")
            elapsed = time.perf_counter() - started
        if not outcome.ok:
            raise SystemExit(f"`true` failed {'without' if waived else 'in'} the sandbox: {outcome}\n"
                             f"{sandbox.tail(folder / 'true.log', 2000)}")
        return elapsed * 1000

    for waived in (False, True):  # warm-up: the first runs load what later ones find cached
        once(waived)
    for index in range(runs):
        for waived in ((False, True) if index % 2 == 0 else (True, False)):
            times[waived].append(once(waived))
    sandboxed, unsandboxed = statistics.median(times[False]), statistics.median(times[True])
    return {"command": "true", "runs": runs, "sandboxed": _round(sandboxed), "unsandboxed": _round(unsandboxed),
            "added": _round(sandboxed - unsandboxed)}


def sandbox_figures(per_run: dict, runs_per_answer: dict[str, float], whole_run: dict | None) -> dict:
    """The ``sandbox`` block of the figures: the cost per run, runs per answer, the cost per answer."""
    block: dict = {"isolation": sandbox.isolation_summary(), "target_ms_per_run": SANDBOX_TARGET_MS}
    if "unavailable" in per_run:
        return block | {"unavailable": per_run["unavailable"]}
    block["per_run_ms"] = per_run
    block["runs_per_answer"] = {mode: _round(runs) for mode, runs in runs_per_answer.items()}
    block["added_ms_per_answer"] = {mode: _round(runs * per_run["added"]) for mode, runs in runs_per_answer.items()}
    if whole_run is not None:
        block["whole_run"] = whole_run
    return block


def whole_run_figures(sandboxed: tuple[list[Scored], float], unsandboxed: tuple[list[Scored], float]) -> dict:
    """Seconds per answer of the sandboxed and the waived one-by-one runs of the same set."""
    count = len(sandboxed[0])
    with_s, without_s = sandboxed[1] / count, unsandboxed[1] / count
    runs = sum(s.runs for s in unsandboxed[0]) / count
    added_ms = (with_s - without_s) * 1000
    return {"mode": "one_by_one", "samples": count, "elapsed_s": {"sandboxed": _round(sandboxed[1]),
                                                                  "unsandboxed": _round(unsandboxed[1])},
            "per_sample_s": {"sandboxed": _round(with_s), "unsandboxed": _round(without_s)},
            "added_ms_per_answer": _round(added_ms), "added_ms_per_run": _round(added_ms / runs) if runs else None,
            "verdicts_identical": count}


# --- the machine -------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    memory_gb = None
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory_gb = round(kib / 1024 ** 2, 1)
    except (OSError, StopIteration, ValueError):
        pass
    vvp = None
    if shutil.which("vvp"):
        done = subprocess.run(["vvp", "-V"], capture_output=True, text=True, timeout=30)
        vvp = next(iter((done.stdout + done.stderr).strip().splitlines()), None)  # it prints on stderr
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "memory_gb": memory_gb, "os": platform.platform(), "python": platform.python_version(),
            "simulators": {"icarus": get_simulator("icarus").version(), "vvp": vvp,
                           "verilator": get_simulator("verilator").version(), "cocotb": package_version("cocotb")}}


# --- the figures -------------------------------------------------------------------------------------
def figures(scored: list[Scored], elapsed: float, floors: dict[str, dict], settings: dict, info: dict,
            load: dict) -> dict:
    count = len(scored)
    stages = [stage for stage in Stage if any(stage in s.result.durations_s for s in scored)]
    per_stage = {stage.value: sum(s.result.durations_s.get(stage, 0.0) for s in scored) / count for stage in stages}
    ran = {stage.value: sum(stage in s.result.durations_s for s in scored) for stage in stages}
    mean_wall = sum(s.wall_s for s in scored) / count
    by_kind: dict[str, Counter] = {}
    for item in scored:
        by_kind.setdefault(item.candidate.kind, Counter())[item.result.status.value] += 1
    floor_per_sample = statistics.fmean(f["seconds"] for f in floors.values())
    wall_per_sample = elapsed / count  # the throughput's inverse: with --jobs > 1 less than mean_wall
    tasks = {}
    for task_id, floor in floors.items():
        mine = [s for s in scored if s.candidate.task.id == task_id]
        tasks[task_id] = {"samples": len(mine), "mean_wall_s": _round(sum(s.wall_s for s in mine) / len(mine)),
                          "floor": {k: _round(v) if isinstance(v, float) else v for k, v in floor.items()},
                          "ratio_to_floor": _round(sum(s.wall_s for s in mine) / len(mine) / floor["seconds"])}
    return {
        "machine": info,
        "load_average": load,
        "settings": settings,
        "samples": count,
        "elapsed_s": _round(elapsed),
        "samples_per_second": _round(count / elapsed),
        "per_sample_s": {"wall": _round(wall_per_sample), "mean_latency": _round(mean_wall),
                         "stages": {name: _round(value) for name, value in per_stage.items()},
                         "outside_stages": _round(mean_wall - sum(per_stage.values()))},
        "stage_ran_in": ran,
        "verdicts": dict(sorted(Counter(s.result.status.value for s in scored).items())),
        "verdicts_by_kind": {kind: dict(sorted(counts.items())) for kind, counts in sorted(by_kind.items())},
        "floor": {"tool": "iverilog -g2012 + vvp -n, plain SV testbench", "repeat": settings["floor_repeat"],
                  "per_sample_s": _round(floor_per_sample),
                  "compile_s": _round(statistics.fmean(f["compile_s"] for f in floors.values())),
                  "run_s": _round(statistics.fmean(f["run_s"] for f in floors.values())),
                  "cycles_median": statistics.median(f["cycles"] for f in floors.values())},
        "ratio_to_floor": _round(wall_per_sample / floor_per_sample),
        "tasks": tasks,
    }


def _round(value: float) -> float:
    return float(f"{value:.4g}")


def report(result: dict) -> str:
    info, settings = result["machine"], result["settings"]
    sims = ", ".join(f"{name} {version}" for name, version in info["simulators"].items() if version)
    lines = [f"machine   {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), "
             f"{info['memory_gb']} GB, {info['os']}",
             f"tools     {sims}; Python {info['python']}",
             f"load      {result['load_average']['start']} at start, {result['load_average']['end']} at end "
             "(1/5/15-min averages)",
             f"set       {settings['tasks']} tasks x {settings['samples']} samples of {settings['suite']} on "
             f"{settings['sim']}, --jobs {settings['jobs']} --batch {settings['batch']}, seed {settings['seed']}"
             f"{', lint on' if settings['lint'] else ''}",
             "",
             f"scored    {result['samples']} samples in {result['elapsed_s']:.1f} s: "
             f"{result['samples_per_second']:.3f} samples/s, {result['per_sample_s']['wall']:.3f} s per sample",
             "per-sample cost of each stage (mean over all samples; a stage a sample did not reach counts 0):"]
    for name, value in result["per_sample_s"]["stages"].items():
        ran = result["stage_ran_in"][name]
        lines.append(f"  {STAGE_NAMES[Stage(name)]:22} {value:8.4f} s   (ran in {ran} samples)")
    lines.append(f"  {'outside the stages':22} {result['per_sample_s']['outside_stages']:8.4f} s   "
                 "(set-up, files, clean-up)")
    lines.append(f"  {'total (mean latency)':22} {result['per_sample_s']['mean_latency']:8.4f} s")
    lines.append("verdicts  " + ", ".join(f"{k} {v}" for k, v in result["verdicts"].items()))
    for kind, counts in result["verdicts_by_kind"].items():
        lines.append(f"  {kind:10} " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    floor = result["floor"]
    lines += ["",
              f"floor     {floor['tool']}, reference only, median of {floor['repeat']} runs per task, "
              f"{floor['cycles_median']:g} cycles (median task)",
              f"          {floor['per_sample_s']:.4f} s per sample (compile {floor['compile_s']:.4f} s, "
              f"run {floor['run_s']:.4f} s)",
              f"ratio     workbench / floor = {result['ratio_to_floor']:.1f}x"]
    if "baseline" in result:
        baseline = result["baseline"]
        lines += ["",
                  f"baseline  sequential one by one: {baseline['elapsed_s']:.1f} s, "
                  f"{baseline['samples_per_second']:.3f} samples/s, {baseline['per_sample_s']['wall']:.3f} s per "
                  f"sample, {baseline['ratio_to_floor']:.1f}x the floor",
                  f"speed-up  {result['speedup']:.1f}x (--jobs {settings['jobs']} --batch {settings['batch']} over the "
                  f"baseline); the {result['verdicts_identical']} verdicts are identical"]
    if "sandbox" in result:
        lines += ["", *sandbox_report(result["sandbox"], settings)]
    return "\n".join(lines)


def sandbox_report(block: dict, settings: dict) -> list[str]:
    lines = [f"sandbox   {block['isolation']}"]
    if "unavailable" in block:
        return lines + [f"          not measured: {block['unavailable']}"]
    run, runs, added = block["per_run_ms"], block["runs_per_answer"], block["added_ms_per_answer"]
    lines += [f"per run   `{run['command']}` through run_limited, median of {run['runs']}: sandboxed "
              f"{run['sandboxed']:.1f} ms, unsandboxed {run['unsandboxed']:.1f} ms, added {run['added']:.1f} ms "
              f"(target: under {block['target_ms_per_run']} ms)"]
    names = {"one_by_one": "one by one", "configured": f"--jobs {settings['jobs']} --batch {settings['batch']}"}
    for mode, count in runs.items():
        lines.append(f"per answer {names.get(mode, mode):22} {count:.3f} sandboxed runs, {added[mode]:.1f} ms added")
    if "whole_run" in block:
        whole = block["whole_run"]
        per_run = "" if whole["added_ms_per_run"] is None else f", {whole['added_ms_per_run']:.1f} ms per run"
        lines.append(f"whole run one by one, {whole['samples']} answers: sandboxed "
                     f"{whole['per_sample_s']['sandboxed']:.3f} s, unsandboxed "
                     f"{whole['per_sample_s']['unsandboxed']:.3f} s per answer: "
                     f"{whole['added_ms_per_answer']:.1f} ms added per answer{per_run}; the "
                     f"{whole['verdicts_identical']} verdicts are identical")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=None, help="only the first N tasks of the suite")
    parser.add_argument("--samples", type=int, default=20, help="candidates per task (at least 2)")
    parser.add_argument("--sim", choices=["icarus", "verilator"], default="icarus")
    parser.add_argument("--jobs", type=int, default=1, help="groups scored at once (1: one after the other)")
    parser.add_argument("--batch", type=int, default=1, help="candidates of a task per group (1: one by one)")
    parser.add_argument("--compare", action="store_true",
                        help="first score sequentially one by one; check the verdicts agree; print the speed-up")
    parser.add_argument("--sandbox-runs", type=int, default=50,
                        help="with --compare: no-op runs each in and out of the sandbox (its cost per run)")
    parser.add_argument("--sandbox-cost-full", action="store_true",
                        help="also score the set one by one with the sandbox waived (implies --compare)")
    parser.add_argument("--lint", action="store_true", help="score with Verilator lint on")
    parser.add_argument("--seed", type=int, default=0, help="seed of the duplicates and the order")
    parser.add_argument("--floor-repeat", type=int, default=3, help="floor runs per task (median)")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.samples < 2:
        parser.error("--samples must be at least 2 (the reference and the stub)")
    if args.sandbox_runs < 1:
        parser.error("--sandbox-runs must be at least 1")
    args.compare = args.compare or args.sandbox_cost_full
    suite = load_suite("accel")
    tasks = suite.tasks[: args.tasks] if args.tasks else suite.tasks
    settings = {"suite": suite.name, "tasks": len(tasks), "samples": args.samples, "sim": args.sim,
                "jobs": args.jobs, "batch": args.batch, "compare": args.compare, "lint": args.lint,
                "seed": args.seed, "floor_repeat": args.floor_repeat}
    if args.compare:
        settings |= {"sandbox_runs": args.sandbox_runs, "sandbox_cost_full": args.sandbox_cost_full}
    info = machine()
    load = {"start": [round(x, 2) for x in os.getloadavg()]}
    candidates = candidate_set(tasks, args.samples, args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="rtlwb-perf-scoring-"))
    options = ScoreOptions(lint=args.lint, workdir=workdir / "scoring")
    floors: dict[str, dict] = {}

    def floor(task: Task, reference: Scored) -> None:
        lone = reference.result
        if lone.artefacts is None or not (lone.artefacts / "candidate.sv").is_file():  # scored in a batch
            lone = score(task, reference.candidate.answer, args.sim, options)
        cycles = floor_cycles(task, simulated_ns(lone.artefacts / "results.xml"))
        floors[task.id] = measure_floor(task, cycles, workdir / "floor" / task.id, args.floor_repeat)

    def scored_as(jobs: int, batch: int, label: str = "") -> tuple[list[Scored], float]:
        one_by_one = jobs <= 1 and batch <= 1
        done: list[str] = []

        def on_task_done(task: Task, items: list[Scored]) -> None:
            done.append(task.id)
            if one_by_one and task.id not in floors:  # right after the task's samples: a change in load falls on both
                floor(task, next(s for s in items if s.candidate.kind == "reference"))
            mean = sum(s.wall_s for s in items) / len(items)
            print(f"[{len(done)}/{len(tasks)}] {task.id}: {len(items)} samples, {mean:.2f} s each "
                  f"(--jobs {jobs} --batch {batch}{label})", file=sys.stderr, flush=True)

        try:
            return score_all(candidates, args.sim, jobs, batch, options, on_task_done)
        except WrongVerdict as wrong:
            raise SystemExit(f"wrong verdict, measurement aborted: {wrong}") from None

    unsandboxed = per_run = None
    try:
        baseline = scored_as(1, 1) if args.compare else None
        if args.sandbox_cost_full:  # right after the sandboxed baseline: the same load, as far as can be
            with sandbox_waived():
                unsandboxed = scored_as(1, 1, ", sandbox waived")
        scored, elapsed = scored_as(args.jobs, args.batch)
        for task in tasks:  # after parallel or batched runs, once the pool is idle
            if task.id not in floors:
                floor(task, next(s for s in scored
                                 if s.candidate.task.id == task.id and s.candidate.kind == "reference"))
        floors = {task.id: floors[task.id] for task in tasks}
        if args.compare:
            per_run = run_cost(workdir / "sandbox-cost", args.sandbox_runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load["end"] = [round(x, 2) for x in os.getloadavg()]
    result = figures(scored, elapsed, floors, settings, info, load)
    if baseline is not None:
        differences = compare_verdicts(baseline[0], scored)
        if differences:
            raise SystemExit("batched or parallel verdicts differ from one-by-one scoring:\n" + "\n".join(differences))
        result["baseline"] = {key: value for key, value in figures(*baseline, floors, settings, info, load).items()
                              if key in ("elapsed_s", "samples_per_second", "per_sample_s", "ratio_to_floor")}
        result["speedup"] = _round(baseline[1] / elapsed)
        result["verdicts_identical"] = len(scored)
        whole_run = None
        if unsandboxed is not None:
            differences = compare_verdicts(baseline[0], unsandboxed[0])
            if differences:
                raise SystemExit("verdicts without the sandbox differ from those in it:\n" + "\n".join(differences))
            waived = Counter(s.result.isolation for s in unsandboxed[0])
            if set(waived) != {sandbox.Isolation.NONE.value}:
                raise SystemExit(f"the run meant to waive the sandbox recorded isolations {dict(waived)}")
            whole_run = whole_run_figures(baseline, unsandboxed)
        runs_per_answer = {"one_by_one": sum(s.runs for s in baseline[0]) / len(baseline[0]),
                           "configured": sum(s.runs for s in scored) / len(scored)}
        result["sandbox"] = sandbox_figures(per_run, runs_per_answer, whole_run)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
