"""Prompt templates: versioned per task kind, rendered with langchain-core's ChatPromptTemplate.

The version is part of every sample's record and of the response-cache key: changing a template
means bumping its version, so old answers are never mistaken for answers to the new prompt.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.prompts import ChatPromptTemplate

from workbench.model import ChatMessage
from workbench.task import SpecLevel, Task, TaskKind

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


@dataclass(frozen=True)
class Template:
    kind: TaskKind
    version: int
    user: str

    @property
    def id(self) -> str:
        return f"{self.kind.value}@{self.version}"


TEMPLATES = {
    TaskKind.SPEC_TO_RTL: Template(TaskKind.SPEC_TO_RTL, 1, _SPEC_TO_RTL_USER),
    TaskKind.COMPLETION: Template(TaskKind.COMPLETION, 1, _COMPLETION_USER),
}


class PromptError(ValueError):
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


def render(task: Task, level: SpecLevel = SpecLevel.DETAILED, examples: list[Task] = (),
           demonstrations: list[Demonstration] = (), budget_tokens: int = 3000) -> Prompt:
    """The messages for ``task``: system, optional few-shot pairs (other tasks), the request, with
    retrieved ``demonstrations`` placed in it as long as they fit ``budget_tokens``."""
    template = TEMPLATES.get(task.config.kind)
    if template is None:
        raise PromptError(f"no prompt template for task kind '{task.config.kind.value}' (task {task.id})")
    if any(example.folder == task.folder for example in examples):
        raise PromptError(f"task {task.id} cannot be its own few-shot example")
    turns: list[tuple[str, str]] = [("system", "{system}")]
    values = {"system": _SYSTEM}
    for number, example in enumerate(examples):
        turns += [("human", f"{{example_{number}_request}}"), ("ai", f"{{example_{number}_answer}}")]
        values[f"example_{number}_request"] = _request(template, example, level)
        values[f"example_{number}_answer"] = f"```systemverilog\n{example.reference_text()}```"
    turns.append(("human", "{request}"))
    shown = _within_budget(demonstrations, budget_tokens)
    values["request"] = _request(template, task, level) + _demonstration_text(shown)
    rendered = ChatPromptTemplate.from_messages(turns).format_messages(**values)
    roles = {"system": "system", "human": "user", "ai": "assistant"}
    messages = [ChatMessage(role=roles[m.type], content=m.content) for m in rendered]
    return Prompt(messages=messages, template=template.id + ("+rag" if demonstrations else ""))


def render_design(spec: str, top: str | None = None, language: str = "systemverilog",
                  demonstrations: list[Demonstration] = (), budget_tokens: int = 3000) -> Prompt:
    """The messages for a free-form design request (``rtlwb generate``), with retrieved
    ``demonstrations`` placed in it as long as they fit ``budget_tokens``."""
    system = _VERILOG_SYSTEM if language == "verilog" else _SYSTEM
    top_clause = f" as the module `{top}`" if top else ""
    request = _DESIGN_USER.format(top_clause=top_clause, spec=spec.strip())
    request += _demonstration_text(_within_budget(demonstrations, budget_tokens))
    messages = [ChatMessage(role="system", content=system), ChatMessage(role="user", content=request)]
    suffix = ("+verilog" if language == "verilog" else "") + ("+rag" if demonstrations else "")
    return Prompt(messages=messages, template=DESIGN_TEMPLATE + suffix)


def _within_budget(demonstrations: list[Demonstration], budget_tokens: int) -> list[Demonstration]:
    chosen, used = [], 0
    for demonstration in demonstrations:
        size = len(demonstration.code) // CHARS_PER_TOKEN + 1
        if used + size > budget_tokens:
            break
        chosen.append(demonstration)
        used += size
    return chosen


def _demonstration_text(demonstrations: list[Demonstration]) -> str:
    if not demonstrations:
        return ""
    blocks = "\n\n".join(f"From {d.source}:\n```systemverilog\n{d.code.rstrip()}\n```" for d in demonstrations)
    return ("\n\n## Related designs\nThese verified designs solve related problems. Reuse their ideas, but "
            "follow the specification and interface above exactly.\n\n" + blocks)


def _request(template: Template, task: Task, level: SpecLevel) -> str:
    return template.user.format(top=task.config.top, spec=task.spec.text(level), interface=interface_text(task))


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
