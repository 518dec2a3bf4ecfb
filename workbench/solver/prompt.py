"""Prompt templates: versioned per task kind, rendered with langchain-core's ChatPromptTemplate.

The version is part of every sample's record and of the response-cache key: changing a template
means bumping its version, so old answers are never mistaken for answers to the new prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.prompts import ChatPromptTemplate

from workbench.errors import WorkbenchError
from workbench.hdl.interface import design_signals
from workbench.model import ChatMessage
from workbench.task.format import SpecLevel, Task, TaskKind, scala_field
from workbench.task.hls import LOGIC_BUGS, PRAGMA_BUGS, bug_of

_SYSTEM = (
    "You are an expert digital hardware engineer. You write correct, synthesizable "
    "SystemVerilog (the IEEE 1800-2012 subset accepted by Icarus Verilog 11 and Verilator 5: "
    "no classes, interfaces or assertions; no delays; no file or system I/O). "
    "Reply with the complete design in one ```systemverilog code block."
)

_SPEC_TO_RTL_USER = (
    "Implement the module `{top}`.\n\n"
    "## Specification\n{spec}\n\n"
    "## Interface (names, directions and widths must match exactly)\n{interface}\n\n"
    "Write the complete module `{top}` (and any submodules it uses)."
)

_CHISEL_SYSTEM = (
    "You are an expert digital hardware engineer. You write correct Chisel 6.7.0 (Scala 2.13) that "
    "elaborates with firtool 1.62: only `import chisel3._` and `import chisel3.util._`; no printf, "
    "assert, stop, BlackBox or chiseltest. Reply with the complete design in one ```scala code block."
)

_SPEC_TO_CHISEL_USER = (
    "Implement the module `{top}` in Chisel.\n\n"
    "## Specification\n{spec}\n\n"
    "## Interface (names, directions and widths must match exactly)\n{interface}\n\n"
    "{conventions}"
)

_VERILOG_TO_CHISEL_USER = (
    "Translate this SystemVerilog module into Chisel with exactly the same cycle-by-cycle behaviour.\n\n"
    "```systemverilog\n{verilog}```\n\n"
    "## Interface (names, directions and widths must match exactly)\n{interface}\n\n"
    "{conventions}"
)

_DESIGN_USER = (
    "Design the hardware described below{top_clause}.\n\n"
    "## Specification\n{spec}\n\n"
    "Write the complete design (the top module and any submodules it uses)."
)
# Free-form requests may ask for plain Verilog: the system prompt then rules out SystemVerilog.
_VERILOG_SYSTEM = (
    "You are an expert digital hardware engineer. You write correct, synthesizable Verilog-2005 "
    "(no SystemVerilog constructs: no logic, always_ff, always_comb, interfaces or assertions; no "
    "delays; no file or system I/O) accepted by Icarus Verilog 11 and Verilator 5. "
    "Reply with the complete design in one ```verilog code block."
)
DESIGN_TEMPLATE = "design@1"

_COMPLETION_USER = (
    "Complete the SystemVerilog module `{top}` described below. Return the whole module, "
    "header included.\n\n{spec}\n\n## Interface\n{interface}"
)

_GOALS = {
    "area": "less area: fewer gates and flip-flops after synthesis (judged by a CMOS transistor estimate)",
    "delay": "a shorter critical path: fewer logic levels between inputs, registers and outputs (judged by "
             "AND-inverter-graph levels after synthesis)",
    "area-delay": "a smaller area-delay product (a CMOS transistor estimate times the logic levels of the "
                  "critical path, after synthesis)",
}
_OPTIMIZE_USER = (
    "The SystemVerilog module `{top}` below works, but it is inefficient. Rewrite it so that it is better, "
    "with {goal}; at least {min_gain:.0%} better than this design counts.\n\n"
    "Your design must be equivalent to this one at its ports, cycle for cycle from reset (a formal "
    "equivalence checker compares them, and the task's tests must pass): same module name, ports, "
    "parameters, latency and reset behaviour.\n\n"
    "## Specification\n{spec}\n\n"
    "## Interface\n{interface}\n\n"
    "## The design to optimize\n```systemverilog\n{given}```"
)


_SVA_SYSTEM = (
    "You are an expert verification engineer. You write SystemVerilog Assertions (IEEE 1800 "
    "concurrent assertions) for designs. Each assertion is one labelled statement "
    "`name: assert property (@(posedge clk) disable iff (reset condition) ...);`, clocked and disabled "
    "during reset. Properties are placed inside the design's top module, so they may name its internal "
    "signals. Reply with one ```systemverilog code block holding only assertions (and any sequence or "
    "property declarations they use): no module, no comments outside it."
)
_ASSERTION_USER = (
    "Write assertions for the module `{top}`: properties that every correct implementation of the "
    "specification satisfies, precise enough to catch bugs.\n\n"
    "## Specification\n{spec}\n\n"
    "## Design\n```systemverilog\n{design}```\n\n"
    "## Clock and reset\n{clocking}"
)
_NL2SVA_USER = (
    "Write one SystemVerilog assertion, inside module `{top}`, for this property:\n\n{property}\n\n"
    "## Signals of `{top}`\n{signals}\n\n"
    "## Clock and reset\n{clocking}\n\n"
    "Reply with exactly one labelled `assert property` statement."
)


_HLS_SYSTEM = (
    "You are an expert HLS engineer: you write and debug synthesizable C++ for Vitis HLS (ap_int, "
    "ap_fixed, hls::stream, HLS pragmas). Reply with the complete fixed kernel source file in one ```cpp "
    "code block (the header is fixed: do not change it), then, on their own lines, `BUG LINE: <number>` "
    "(the line of the given file where the bug is; several numbers, most likely first, if unsure) and "
    "`BUG TYPE: <type>`, one of: {types}."
)
_HLS_DEBUG_USER = (
    "The HLS kernel `{top}` below has a bug. Find it and fix it.\n\n"
    "## Specification\n{spec}\n\n"
    "## Header `{header_name}` (fixed)\n```cpp\n{header}```\n\n"
    "## Kernel `{source_name}` (line numbers are shown for reference only)\n```cpp\n{numbered}```\n\n"
    "{evidence}"
)


# Imported tasks pose their public suite's own prompt, verbatim, under this neutral system message.
_SUITE_SYSTEM = (
    "You are an expert digital hardware engineer. You write correct Verilog and SystemVerilog. "
    "Reply with the complete module (header included) in one ```systemverilog code block."
)


@dataclass(frozen=True)
class PromptTemplate:
    kind: TaskKind
    version: int
    user: str
    name: str | None = None  # default: the task kind
    system: str = _SYSTEM

    @property
    def id(self) -> str:
        return f"{self.name or self.kind.value}@{self.version}"


TEMPLATES = {
    TaskKind.SPEC_TO_RTL: PromptTemplate(TaskKind.SPEC_TO_RTL, 1, _SPEC_TO_RTL_USER),
    TaskKind.COMPLETION: PromptTemplate(TaskKind.COMPLETION, 1, _COMPLETION_USER),
    TaskKind.ASSERTION: PromptTemplate(TaskKind.ASSERTION, 1, _ASSERTION_USER, system=_SVA_SYSTEM),
    TaskKind.NL2SVA: PromptTemplate(TaskKind.NL2SVA, 1, _NL2SVA_USER, system=_SVA_SYSTEM),
    TaskKind.RTL_OPTIMIZE: PromptTemplate(TaskKind.RTL_OPTIMIZE, 1, _OPTIMIZE_USER),
    TaskKind.HLS_DEBUG: PromptTemplate(TaskKind.HLS_DEBUG, 1, _HLS_DEBUG_USER, system=_HLS_SYSTEM.format(
        types=", ".join((*LOGIC_BUGS, *PRAGMA_BUGS)))),
}
# Chisel answers to spec-to-rtl tasks, from the specification or from the reference Verilog.
SPEC_TO_CHISEL = PromptTemplate(TaskKind.SPEC_TO_RTL, 1, _SPEC_TO_CHISEL_USER, name="spec-to-chisel")
VERILOG_TO_CHISEL = PromptTemplate(TaskKind.SPEC_TO_RTL, 1, _VERILOG_TO_CHISEL_USER, name="verilog-to-chisel")
SUITE_PROMPT = PromptTemplate(TaskKind.SPEC_TO_RTL, 1, "{prompt}", name="suite-prompt", system=_SUITE_SYSTEM)


class PromptError(WorkbenchError, ValueError):
    pass


# Demonstrations go into the prompt while they fit this budget (about four characters a token).
CHARS_PER_TOKEN = 4


@dataclass(frozen=True)
class Demonstration:
    """A retrieved design shown to the model (demo-augmented prompting)."""

    source: str
    code: str


@dataclass(frozen=True)
class Prompt:
    messages: list[ChatMessage]
    template: str


def render(task: Task, level: SpecLevel = SpecLevel.DETAILED, examples: Sequence[Task] = (),
           demonstrations: Sequence[Demonstration] = (), budget_tokens: int = 3000, language: str = "systemverilog",
           translate: bool = False) -> Prompt:
    """The messages for ``task``: system, optional few-shot pairs (other tasks), the request, with
    retrieved ``demonstrations`` placed in it as long as they fit ``budget_tokens``. With
    ``language="chisel"`` the answer is asked for in Chisel; ``translate`` gives the reference
    Verilog instead of the specification (Verilog -> Chisel translation)."""
    template = _template_for(task, language, translate)
    if any(example.folder == task.folder for example in examples):
        raise PromptError(f"task {task.id} cannot be its own few-shot example")
    turns: list[tuple[str, str]] = [("system", "{system}")]
    values = {"system": _CHISEL_SYSTEM if language == "chisel" else template.system}
    fence = "scala" if language == "chisel" else "systemverilog"
    for number, example in enumerate(examples):
        turns += [("human", f"{{example_{number}_request}}"), ("ai", f"{{example_{number}_answer}}")]
        values[f"example_{number}_request"] = _request(template, example, level, language)
        values[f"example_{number}_answer"] = f"```{fence}\n{example.reference_text(language)}```"
    turns.append(("human", "{request}"))
    shown = _within_budget(demonstrations, budget_tokens)
    values["request"] = _request(template, task, level, language) + _demonstration_text(
        shown, _PATTERNS_HEADING if task.config.optimize is not None else _DESIGNS_HEADING)
    rendered = ChatPromptTemplate.from_messages(turns).format_messages(**values)
    roles = {"system": "system", "human": "user", "ai": "assistant"}
    messages = [ChatMessage(role=roles[m.type], content=m.content) for m in rendered]
    return Prompt(messages=messages, template=template.id + ("+rag" if demonstrations else ""))


def _template_for(task: Task, language: str, translate: bool) -> PromptTemplate:
    if language == "chisel":
        if task.kind != TaskKind.SPEC_TO_RTL or task.config.chisel is None:
            raise PromptError(f"task {task.id} takes no Chisel answers")
        return VERILOG_TO_CHISEL if translate else SPEC_TO_CHISEL
    if translate:
        raise PromptError("translation prompts produce Chisel: use it with language chisel")
    if task.config.prompt:
        return SUITE_PROMPT
    template = TEMPLATES.get(task.kind)
    if template is None:
        raise PromptError(f"no prompt template for task kind '{task.kind.value}' (task {task.id})")
    return template


def render_design(spec: str, top: str | None = None, language: str = "systemverilog",
                  demonstrations: Sequence[Demonstration] = (), budget_tokens: int = 3000) -> Prompt:
    """The messages for a free-form design request (``rtlwb generate``), with retrieved
    ``demonstrations`` placed in it as long as they fit ``budget_tokens``."""
    system = {"verilog": _VERILOG_SYSTEM, "chisel": _CHISEL_SYSTEM}.get(language, _SYSTEM)
    if language == "chisel":
        top_clause = (f" as the Chisel module `class {top or 'Top'} extends Module` "
                      "(every constructor parameter with a default)")
    else:
        top_clause = f" as the module `{top}`" if top else ""
    request = _DESIGN_USER.format(top_clause=top_clause, spec=spec.strip())
    request += _demonstration_text(_within_budget(demonstrations, budget_tokens))
    messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=request)]
    suffix = ("" if language == "systemverilog" else f"+{language}") + ("+rag" if demonstrations else "")
    return Prompt(messages=messages, template=DESIGN_TEMPLATE + suffix)


def _within_budget(demonstrations: Sequence[Demonstration], budget_tokens: int) -> list[Demonstration]:
    chosen, used = [], 0
    for demonstration in demonstrations:
        size = len(demonstration.code) // CHARS_PER_TOKEN + 1
        if used + size > budget_tokens:
            break
        chosen.append(demonstration)
        used += size
    return chosen


_DESIGNS_HEADING = ("## Related designs\nThese verified designs solve related problems. Reuse their ideas, but "
                    "follow the specification and interface above exactly.")
_PATTERNS_HEADING = ("## Optimization patterns\nEach pair shows a design before and after an optimization that "
                     "keeps it equivalent and makes it better. Apply what fits the design above; its behaviour must "
                     "not change.")


def _demonstration_text(demonstrations: list[Demonstration], heading: str = _DESIGNS_HEADING) -> str:
    if not demonstrations:
        return ""
    blocks = "\n\n".join(f"From {d.source}:\n```systemverilog\n{d.code.rstrip()}\n```" for d in demonstrations)
    return f"\n\n{heading}\n\n" + blocks


def _request(template: PromptTemplate, task: Task, level: SpecLevel, language: str = "systemverilog") -> str:
    if language == "chisel":
        verilog = task.reference_text() if template is VERILOG_TO_CHISEL else ""  # read only when shown
        return template.user.format(top=task.chisel_top, spec=task.spec.text(level), verilog=verilog,
                                    interface=chisel_interface_text(task), conventions=chisel_conventions(task))
    if template is SUITE_PROMPT:
        return template.user.format(prompt=suite_prompt(task))
    if task.kind == TaskKind.ASSERTION:
        return template.user.format(top=task.config.top, spec=task.spec.text(level), design=task.design_text(),
                                    clocking=_clocking_text(task))
    if task.kind == TaskKind.HLS_DEBUG:
        return _hls_request(template, task, level)
    if task.config.optimize is not None:
        return template.user.format(top=task.config.top, spec=task.spec.text(level), interface=interface_text(task),
                                    goal=_GOALS[task.config.optimize.goal], min_gain=task.config.optimize.min_gain,
                                    given=task.given_text())
    if task.nl_property is not None:  # an nl2sva task: one property of an assertion task
        return template.user.format(top=task.config.top, property=task.nl_property.text,
                                    signals=_signals_text(task), clocking=_clocking_text(task))
    return template.user.format(top=task.config.top, spec=task.spec.text(level), interface=interface_text(task))


def suite_prompt(task: Task) -> str:
    """An imported task's prompt as its public suite poses it."""
    if task.config.prompt is None:
        raise PromptError(f"task {task.id} has no prompt of its suite")
    return (task.folder / task.config.prompt).read_text().strip()


def _hls_request(template: PromptTemplate, task: Task, level: SpecLevel) -> str:
    bug = bug_of(task.folder)
    kernel = bug.kernel
    numbered = "".join(f"{number:4d}  {line}\n" for number, line in enumerate(bug.buggy_source.splitlines(), 1))
    if bug.config.show_testbench:
        evidence = (f"## Testbench `{kernel.config.testbench}` (it fails with this kernel)\n```cpp\n"
                    f"{kernel.text(kernel.config.testbench)}```")
    else:
        evidence = f"## What goes wrong\n{bug.config.symptom}"
    return template.user.format(top=kernel.config.top, spec=task.spec.text(level), header_name=kernel.config.header,
                                header=kernel.text(kernel.config.header), source_name=kernel.config.source,
                                numbered=numbered, evidence=evidence)


def _clocking_text(task: Task) -> str:
    config = task.config
    lines = [f"Clock: `{config.clock.name}`, rising edge." if config.clock else "No clock."]
    if config.reset:
        polarity = "low" if config.reset.active_low else "high"
        disable = f"!{config.reset.name}" if config.reset.active_low else config.reset.name
        lines.append(f"Reset: `{config.reset.name}`, active {polarity}: use `disable iff ({disable})`.")
    return "\n".join(lines)


def _signals_text(task: Task) -> str:
    """The design's ports (with their descriptions) and internal signals, for nl2sva prompts."""
    described = {port.name: port for port in task.config.ports}
    found = design_signals(task.design_text(), task.config.top)
    lines = []
    for signal in found.signals if found else []:
        width = f"[{signal.width - 1}:0] " if signal.width > 1 else ""
        port = described.get(signal.name)
        role = f"{port.direction}" if port else "internal"
        note = f"  // {port.description}" if port and port.description else ""
        lines.append(f"- {role} {width}{signal.name}{note}")
    return "\n".join(lines)


def chisel_interface_text(task: Task) -> str:
    """The task's ports as Chisel IO fields (clock and reset are Chisel's implicit ones)."""
    config = task.config
    implicit = {signal.name for signal in (config.clock, config.reset) if signal is not None}
    lines = []
    for port in config.ports:
        if port.name in implicit:
            continue
        integer = f"{'SInt' if port.signed else 'UInt'}({port.width}.W)"
        kind = "Bool()" if port.width == 1 and not port.signed else integer
        note = f"  // {port.description}" if port.description else ""
        direction = "Input" if port.direction == "input" else "Output"
        lines.append(f"- io.{scala_field(port.name)}: {direction}({kind}){note}")
    if config.parameters:
        lines.append("Constructor parameters (with these defaults): "
                     + ", ".join(f"{p.name}: Int = {p.default}" for p in config.parameters))
    return "\n".join(lines)


def chisel_conventions(task: Task) -> str:
    config = task.config
    lines = [f"Write `class {task.chisel_top}(...) extends Module`; every constructor parameter needs a default "
             "(the design is elaborated with the defaults). Every port except clock and reset is a field of "
             "`val io = IO(new Bundle {{ ... }})` named exactly as listed."]
    if config.clock:
        lines.append(f"The clock `{config.clock.name}` is Chisel's implicit `clock` (rising edge).")
    if config.reset:
        kind = "synchronous" if config.reset.synchronous else "asynchronous"
        lines.append(f"The reset `{config.reset.name}` ({'active low' if config.reset.active_low else 'active high'}, "
                     f"{kind}) drives Chisel's implicit `reset` as an ACTIVE-HIGH signal: give registers their "
                     f"reset values with RegInit.")
        if not config.reset.synchronous:
            lines.append("The reset is asynchronous: declare the module `extends Module with RequireAsyncReset`.")
    if not config.clock:
        lines.append("The design is combinational: do not use registers.")
    return "\n".join(lines).replace("{{", "{").replace("}}", "}")

def interface_text(task: Task) -> str:
    lines = []
    for port in task.config.ports:
        width = f"[{port.width - 1}:0] " if port.width > 1 else ""
        sign = "signed " if port.signed else ""
        note = f"  // {port.description}" if port.description else ""
        lines.append(f"- {port.direction} {sign}{width}{port.name}{note}")
    config = task.config
    if config.parameters:
        lines.append("Parameters: " + ", ".join(f"{p.name} = {p.default}" for p in config.parameters))
    if config.clock:
        lines.append(f"Clock: `{config.clock.name}`, active on {config.clock.edge}.")
    if config.reset:
        polarity = "low" if config.reset.active_low else "high"
        kind = "synchronous" if config.reset.synchronous else "asynchronous"
        lines.append(f"Reset: `{config.reset.name}`, active {polarity}, {kind}.")
    return "\n".join(lines)
