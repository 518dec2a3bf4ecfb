"""The Yosys scripts and the miter of the design equivalence checker, and the readers of what they write.

Each design is read and elaborated in a Yosys design of its own (``design -stash``): the answer's
modules never meet the reference's, so their names cannot clash, and the miter module is ours alone.
Every result is read from a file that one command wrote (``tee -q -o``), never from the whole log: an
answer can print text while it is read (``$display`` in an initial block), not while a proof runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.task.format import Task

MITER = "__rtlwb_miter"
REFERENCE_FILE = "reference.sv"
ANSWER_FILE = "answer.sv"
# Files a run leaves behind it, one per stage; a missing one says where the script stopped.
REFERENCE_READ = "reference.ok"
ELABORATED = "elaborated.ok"
SINGLE_CLOCK = "single_clock.ok"
ANSWER_PORTS = "answer_ports.txt"
PROOF_LOG = "proof_status.txt"
BASE_LOG = "base_case.txt"


@dataclass(frozen=True)
class SatRun:
    """One SAT check of the miter: its name (its script and log), the files it writes (its result
    and its counterexample), and what counts as a difference."""

    stage: str
    result: str
    vcd: str
    defined_only: bool  # only a bit defined in both designs and different (else: X semantics)

    def differs(self, reference: str, answer: str) -> bool:
        return differs_defined(reference, answer) if self.defined_only else differs(reference, answer)


CHECK = SatRun("check", "check_result.txt", "cex.vcd", defined_only=False)
DEFINED = SatRun("defined", "defined_result.txt", "defined_cex.vcd", defined_only=True)
STAGE_FILES = (REFERENCE_READ, ELABORATED, SINGLE_CLOCK, ANSWER_PORTS, PROOF_LOG, BASE_LOG)
_REF, _ANS, _ZERO = "ref__", "ans__", "zero__"
DEFINED_DIFFERENCE = "def__differs"  # the miter's output: some compared bit is 0 in one design and 1 in the other
RESERVED_PREFIXES = (_REF, _ANS, _ZERO, "def__")
# The register cells the single-step model reads exactly: one edge of one clock. Latches are read
# too when the clock does not reach them (below); with other cells a step is half a clock cycle.
_LATCHES = ("t:$dlatch", "t:$adlatch", "t:$dlatchsr")
_OTHER_STATE = "t:$dffsr t:$dffsre t:$aldff t:$aldffe t:$sr t:$ff t:$_DLATCH_* t:$_DFFSR_* t:$_ALDFF_* t:$_SR_*"
INDUCTION_WINDOW = 1  # cycles equiv_induct assumes the matched points agreed before the one it proves


@dataclass(frozen=True)
class Plan:
    """What one comparison checks, from the task: the ports, the parameters, clock, reset and the
    task's equivalence settings."""

    top: str
    parameters: dict[str, int]  # the task's parameters
    declared: dict[str, frozenset[str]]  # design file -> the task parameters its top declares
    inputs: dict[str, int]  # name -> width (the clock included)
    outputs: dict[str, int]  # the compared outputs
    masks: dict[str, str]  # output -> condition under which it is compared
    clock: str | None
    clock_active_high: bool  # the clock's active edge is its rising one
    reset: str | None
    reset_value: int  # the reset input's active level
    ignore_cycles: int
    depth: int
    sat_timeout_s: int

    @property
    def sequential(self) -> bool:
        return self.clock is not None

    @property
    def observed(self) -> list[str]:
        return [f"{_REF}{name}" for name in self.outputs] + [f"{_ANS}{name}" for name in self.outputs]

    @property
    def stimulus(self) -> list[str]:
        """The inputs a counterexample lists, in the task's order."""
        return list(self.inputs)

    def reference_output(self, name: str) -> str:
        return f"{_REF}{name}"

    def answer_output(self, name: str) -> str:
        return f"{_ANS}{name}"


def plan_for(task: Task, declared: dict[str, frozenset[str]], depth: int | None, sat_timeout_s: int) -> Plan:
    config = task.config
    settings = config.equivalence
    outputs = {p.name: p.width for p in config.ports if p.direction == "output"}
    compared = settings.outputs or list(outputs)
    return Plan(
        top=config.top,
        parameters={p.name: p.default for p in config.parameters},
        declared=declared,
        inputs={p.name: p.width for p in config.ports if p.direction == "input"},
        outputs={name: outputs[name] for name in compared},
        masks={mask.output: mask.when for mask in settings.masks},
        clock=config.clock.name if config.clock else None,
        clock_active_high=config.clock is None or config.clock.edge == "posedge",
        reset=config.reset.name if config.reset else None,
        reset_value=0 if config.reset is None or config.reset.active_low else 1,
        ignore_cycles=settings.ignore_cycles,
        depth=depth or settings.depth or 20,
        sat_timeout_s=sat_timeout_s,
    )


def _elaborate(source: str, name: str, plan: Plan, list_ports: bool) -> str:
    """Read ``source`` in a design of its own, elaborate its top at the task's parameters, flatten
    it, map memories to registers and stash it as module ``name``."""
    # Yosys refuses to set a parameter the module does not declare (an answer may hard-wire it).
    chparams = "".join(f" -chparam {key} {value}" for key, value in plan.parameters.items()
                       if key in plan.declared[source])
    ports = f"tee -q -o {ANSWER_PORTS} portlist\n" if list_ports else ""
    return (f"design -reset\nread_verilog -defer -sv {source}\nhierarchy -top {plan.top}{chparams}\n"
            # A latch in an always_comb is modelled, not refused (Yosys's error rests on this attribute).
            "setattr -unset always_comb\nproc\nflatten\n"
            # Only the top is left (its submodules are flattened into it), so the rename cannot clash.
            "delete A:top %n\n"
            "chformal -remove\ndelete t:$print t:$scopeinfo\nmemory\nopt_clean\n"
            # What nothing drives is X: an output the answer leaves undriven is compared as X.
            f"setundef -undriven -undef\n{ports}rename -top {name}\ndesign -stash {name}\n")


def _pair(plan: Plan, list_ports: bool = True) -> str:
    return (_elaborate(REFERENCE_FILE, "gold", plan, list_ports=False)
            + f"tee -q -o {REFERENCE_READ} log reference\n"
            + _elaborate(ANSWER_FILE, "gate", plan, list_ports=list_ports)
            + "design -reset\ndesign -copy-from gold -as gold gold\ndesign -copy-from gate -as gate gate\n"
            + f"tee -q -o {ELABORATED} log elaborated\n")


def _sat_common(plan: Plan) -> str:
    # X semantics: registers without an initial value start as X, inputs are always defined.
    return f"-set-init-undef -set-def-inputs -timeout {plan.sat_timeout_s}"


def _reset_at(plan: Plan, steps: int) -> str:
    if plan.reset is None:
        return ""
    return "".join(f" -set-at {step} {plan.reset} {plan.reset_value}" for step in range(1, steps + 1))


def proof_script(plan: Plan) -> str:
    """The fast proof of a sequential design (single-step model): Yosys's equivalence flow matches
    the ports and the registers of the same name, proves each match with SAT and by induction, and a
    bounded check from reset proves that every matched pair agrees in the induction's first window
    (its base case). The script stops early (a missing stage file) when a design is not clocked by
    one edge of one clock, where a step of the model would not be a clock cycle."""
    opposite = 0 if plan.clock_active_high else 1
    window = plan.ignore_cycles + INDUCTION_WINDOW
    return (_pair(plan)
            + f"select -assert-none r:CLK_POLARITY=1'{opposite}\nselect -assert-none {_OTHER_STATE}\n"
            # A latch the clock reaches without passing a flip-flop opens with a clock phase.
            + f"select -assert-none w:{plan.clock} %co*:-[CLK] {_union(_LATCHES)} %i\n"
            + f"tee -q -o {SINGLE_CLOCK} log single clock\n"
            + f"{_SINGLE_STEP_STATE}design -save pair\n"
            # Merging identical logic (opt_merge) keeps the semantics, X included, and spares the solver
            # proving two copies of a multiplier equal.
            + "equiv_make -make_assert gold gate base\nhierarchy -top base\nopt_merge\n"
            + f"tee -q -o {BASE_LOG} sat -seq {window} -prove-skip {plan.ignore_cycles} -prove-asserts "
            + f"{_sat_common(plan)}{_reset_at(plan, 1)} -show {plan.stimulus[0]}\n"
            + "design -load pair\nequiv_make gold gate equiv\nhierarchy -top equiv\nopt_merge\n"
            + f"equiv_simple -undef\nequiv_induct -undef -seq {INDUCTION_WINDOW}\n"
            + f"tee -q -o {PROOF_LOG} equiv_status\n")


# The single-step model's state: a latch the clock does not open becomes a register of the step
# (clk2fflogic on latches alone), an asynchronous reset a synchronous one.
_SINGLE_STEP_STATE = f"clk2fflogic {' '.join(_LATCHES)}\nasync2sync\n"


def _union(patterns: tuple[str, ...]) -> str:
    """A selection of what any of ``patterns`` selects (Yosys's selection stack)."""
    return " ".join([patterns[0], *(f"{pattern} %u" for pattern in patterns[1:])])


def check_script(plan: Plan, two_phase: bool, run: SatRun = CHECK) -> str:
    """The miter of the two designs and one SAT check of its outputs: a proof over one step for a
    combinational task; for a sequential one, k-induction in lockstep with a bounded check from
    reset (single-step model), or a bounded check alone with both clock phases as steps (designs
    with other edges, latches the clock opens or asynchronous cells). With ``run`` :data:`CHECK`
    the answer's outputs must match the reference's defined bits (an answer X there differs); with
    :data:`DEFINED` only a bit defined in both designs and different counts."""
    script = _pair(plan) + f"read_verilog -sv {MITER}.sv\nhierarchy -top {MITER}\nflatten\n"
    script += "setundef -undriven -undef\n"
    script += "clk2fflogic\n" if two_phase or not plan.sequential else _SINGLE_STEP_STATE
    # Identical logic of the two designs merges (exact under X semantics); the outputs compared stay
    # apart (each passes through its own XOR with a zero input).
    script += "opt_merge\nopt_clean\n"
    if run.defined_only:
        proves = f"-prove {DEFINED_DIFFERENCE} 0"
    else:
        proves = " ".join(f"-prove-x {plan.reference_output(name)} {plan.answer_output(name)}"
                          for name in plan.outputs)
    shows = " ".join(f"-show {name}" for name in [*plan.stimulus, *plan.observed])
    zeros = f"-set {_ZERO}ref 0 -set {_ZERO}ans 0"
    common = f"{proves} {zeros} {_sat_common(plan)} -dump_vcd {run.vcd} {shows}"
    if not plan.sequential:
        return script + f"tee -q -o {run.result} sat -seq 1 {common}\n"
    if two_phase:
        steps = 2 * (plan.ignore_cycles + plan.depth)
        clock = "".join(f" -set-at {step} {plan.clock} {_clock_level(plan, step)}" for step in range(1, steps + 1))
        return script + (f"tee -q -o {run.result} sat -tempinduct-baseonly -maxsteps {2 * plan.depth} "
                         f"-seq {2 * plan.ignore_cycles} {common}{_reset_at(plan, 2)}{clock}\n")
    return script + (f"tee -q -o {run.result} sat -tempinduct -maxsteps {plan.depth} -seq {plan.ignore_cycles} "
                     f"{common}{_reset_at(plan, 1)}\n")


def _clock_level(plan: Plan, step: int) -> int:
    """Two-phase model: odd steps are the clock's inactive phase, even ones its active phase (the
    active edge is at the start of each even step)."""
    active = 1 if plan.clock_active_high else 0
    return active if step % 2 == 0 else 1 - active


def miter_verilog(plan: Plan, run: SatRun = CHECK) -> str:
    """The miter: both designs on the same inputs; each compared output leaves through its own XOR
    with a zero input, the reference's as X where its mask is false; for a ``defined_only`` run, one
    more output, 1 where a compared bit is defined in both designs and different."""
    inputs = [f"input {_range(width)}{name}" for name, width in plan.inputs.items()]
    inputs += [f"input {_ZERO}ref", f"input {_ZERO}ans"]
    outputs = [f"output {_range(width)}{name}" for name, width in
               [*((plan.reference_output(o), w) for o, w in plan.outputs.items()),
                *((plan.answer_output(o), w) for o, w in plan.outputs.items())]]
    if run.defined_only:
        outputs.append(f"output {DEFINED_DIFFERENCE}")
    lines = [f"module {MITER}(", ",\n".join(f"  {port}" for port in inputs + outputs), ");"]
    connections = {name: name for name in plan.inputs}
    for name, width in plan.outputs.items():
        lines.append(f"  wire {_range(width)}{name};")
        lines.append(f"  wire {_range(width)}{_ANS}{name}_raw;")
    gold = {**connections, **{name: name for name in plan.outputs}}
    gate = {**connections, **{name: f"{_ANS}{name}_raw" for name in plan.outputs}}
    lines.append(_instance("gold", "reference", gold))
    lines.append(_instance("gate", "answer", gate))
    for name, width in plan.outputs.items():
        observed = f"(({plan.masks[name]}) ? {name} : {{{width}{{1'bx}}}})" if name in plan.masks else name
        lines.append(f"  assign {plan.reference_output(name)} = {observed} ^ {{{width}{{{_ZERO}ref}}}};")
        lines.append(f"  assign {plan.answer_output(name)} = {_ANS}{name}_raw ^ {{{width}{{{_ZERO}ans}}}};")
    if run.defined_only:
        bits = [_defined_difference(plan.reference_output(o), plan.answer_output(o), width, bit)
                for o, width in plan.outputs.items() for bit in range(width)]
        lines.append(f"  assign {DEFINED_DIFFERENCE} = {' || '.join(bits) or '0'};")
    lines.append("endmodule\n")
    return "\n".join(lines)


def _defined_difference(reference: str, answer: str, width: int, bit: int) -> str:
    """1 where bit ``bit`` is 0 in one design and 1 in the other; never X (``===`` compares X too)."""
    ref, ans = (f"{name}[{bit}]" if width > 1 else name for name in (reference, answer))
    return f"({ref} === 1'b0 && {ans} === 1'b1 || {ref} === 1'b1 && {ans} === 1'b0)"


def _instance(module: str, name: str, connections: dict[str, str]) -> str:
    ports = ", ".join(f".{port}({signal})" for port, signal in connections.items())
    return f"  {module} {name}({ports});"


def _range(width: int) -> str:
    return f"[{width - 1}:0] " if width > 1 else ""


# --- reading what the runs wrote -------------------------------------------------------------------

_PORT_LINE = re.compile(r"^(input|output|inout) \[(\d+):(\d+)\] (\S+)$")


def interface_problems(ports_text: str, task: Task) -> list[str]:
    """How the answer's elaborated top differs from the task's ports (``portlist`` output)."""
    found: dict[str, tuple[str, int]] = {}
    for line in ports_text.splitlines():
        match = _PORT_LINE.match(line.strip())
        if match:
            direction, high, low, name = match.groups()
            found[name.removeprefix("\\")] = (direction, abs(int(high) - int(low)) + 1)
    problems = []
    for port in task.config.ports:
        if port.name not in found:
            problems.append(f"missing port '{port.name}'")
            continue
        direction, width = found.pop(port.name)
        if direction != port.direction:
            problems.append(f"port '{port.name}' is an {direction}, the task's is an {port.direction}")
        elif width != port.width:
            problems.append(f"port '{port.name}' is {width} bits wide, the task's is {port.width}")
    problems += [f"unexpected port '{name}'" for name, (direction, _) in found.items() if direction != "output"]
    return problems


def full_line(text: str, line: str) -> bool:
    """Whether ``line`` is a whole line of ``text`` (the logs name answer signals, never on a line of their own)."""
    return re.search(rf"^\s*{re.escape(line)}\s*$", text, re.M) is not None


_PROVEN_COUNT = re.compile(r"^\s*Of those cells (\d+) are proven and (\d+) are unproven\.\s*$", re.M)
_BASE_PROVEN = re.compile(r"^\s*Base case for induction length (\d+) proven\.\s*$", re.M)


def all_matches_proven(proof_log: str) -> bool:
    counts = _PROVEN_COUNT.findall(proof_log)
    return len(counts) == 1 and int(counts[0][0]) > 0 and counts[0][1] == "0"


def base_case_lengths(check_log: str) -> int:
    """The longest base case the lockstep induction proved (0 when none)."""
    return max((int(length) for length in _BASE_PROVEN.findall(check_log)), default=0)


def read_vcd(path: Path) -> dict[int, dict[str, str]]:
    """Yosys's SAT model dump: step -> signal -> value (binary, MSB first; x for undefined bits)."""
    codes: dict[str, str] = {}
    steps: dict[int, dict[str, str]] = {}
    step, dumping = 0, False
    for line in path.read_text().splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "$var" and len(parts) >= 5:
            codes[parts[3]] = parts[4].removeprefix("\\")
        elif parts == ["$end"] and dumping:
            step = 1  # Yosys closes the initial state's block (#0) with $end and writes step 1 unmarked
        elif parts[0] == "$dumpvars":
            dumping = True
        elif parts[0].startswith("#"):
            step = int(parts[0][1:])
        elif parts[0].startswith("b") and len(parts) == 2 and parts[1] in codes:
            steps.setdefault(step, {})[codes[parts[1]]] = parts[0][1:]
        elif len(parts) == 1 and parts[0][:1] in "01xz" and parts[0][1:] in codes:
            steps.setdefault(step, {})[codes[parts[0][1:]]] = parts[0][0]
    return steps


def differs(reference: str, answer: str) -> bool:
    """X semantics: an answer bit differs where the reference's is defined and the answer's is not the same."""
    return any(ref in "01" and ans != ref for ref, ans in zip(reference, answer, strict=True))


def differs_defined(reference: str, answer: str) -> bool:
    """Whether a bit is defined in both values and different (not a difference that rests on an X)."""
    return any(ref in "01" and ans in "01" and ans != ref for ref, ans in zip(reference, answer, strict=True))
