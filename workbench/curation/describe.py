"""The describe stage of dataset curation: descriptions of each record at three grains, as in
MG-Verilog: a one-line summary, a detailed description (interface and behaviour) and the code with
block-level comments, each checked before it is accepted.

A model gets one request per grain (small models do better with one job per request). What comes
back is checked by :func:`check_description`: the summary is one non-empty line; the detailed
description names the module and every port of the record's top module; the commented code is the
record's code once comments and whitespace are removed. A description with no problem is
``accepted``; the others are kept with their problems, so that a user can see why.

A model that fails (:class:`~workbench.model.ModelError`, after its own retries) does not stop the
stage: the record's :class:`~workbench.curation.record.Description` is not accepted and its first
problem starts with :data:`MODEL_FAILURE` and names the request that failed
(:func:`failed_by_model` tells such descriptions apart from rejected answers, e.g. to retry them).

The prompts live here (not in :mod:`workbench.solver.prompt`, whose templates are per benchmark task kind);
:func:`describe_prompts` shows exactly what is sent for a record, and :data:`DESCRIBE_PROMPT_VERSION`
changes whenever a prompt does.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from workbench.answer.extract import ExtractionError, extract_verilog
from workbench.curation._parallel import map_records
from workbench.curation.record import Description, Language, Record
from workbench.hdl.interface import DesignOutline, outline_design
from workbench.model import ChatMessage, FatalModelError, GenerateConfig, Model, ModelError, SampleContext
from workbench.sandbox import Limits, call_isolated

DESCRIBE_PROMPT_VERSION = "describe@1"  # bump it whenever a prompt below changes
GRAINS = ("summary", "detailed", "commented")
SUMMARY_MAX_WORDS = 50  # the prompt asks for at most 30; beyond this the "summary" is a paragraph
MODEL_FAILURE = "model failure"
CODE_CHANGED = "the commented code changes the design"

NO_MODEL_MESSAGE = (
    "describing needs a chat model and none is configured. Give one with --model (or $RTLWB_MODEL), e.g. "
    "--model openai/gpt-4o-mini (with $OPENAI_API_KEY), --model anthropic/MODEL (with $ANTHROPIC_API_KEY), "
    "--model ollama/qwen2.5-coder, --model vllm/MODEL or --model llamacpp/MODEL (a local server at its usual "
    "address), or --model openai-compatible/MODEL --base-url http://HOST:PORT/v1 (or $RTLWB_BASE_URL) for any "
    "OpenAI-compatible server."
)

_OUTLINE_LIMITS = Limits(wall_s=30, memory_mb=2048)  # pyslang on scraped code runs in the isolated worker


@dataclass(frozen=True)
class DescribeOptions:
    jobs: int = 4  # records described at once (their requests are I/O bound)
    config: GenerateConfig = field(default_factory=lambda: GenerateConfig(temperature=0.2))

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError("jobs must be at least 1")


# --- prompts ---------------------------------------------------------------------------------

_SYSTEM = (
    "You are an expert digital hardware engineer who documents {language} designs for a dataset that "
    "teaches hardware design. Describe only what the code does: never invent features, timing or "
    "behaviour that the code does not have."
)
_SUMMARY_USER = (
    "In one sentence of at most 30 words, say what the {kind} `{top}` below does: its function, "
    "not a list of its ports.\n"
    "Reply with that single line only: no heading, no code, no bullet.\n\n"
    "```{fence}\n{code}```"
)
_DETAILED_USER = (
    "Describe the {kind} `{top}` below precisely enough for an engineer to re-implement it from your "
    "description alone.\n\n"
    "1. Purpose: what `{top}` is for, naming it.\n"
    "2. Interface: {port_request}, with its direction, width and what it carries or controls.\n"
    "3. Behaviour: how the outputs follow from the inputs and the state; for sequential logic the clock "
    "edge, the reset (its polarity, whether it is synchronous or asynchronous, the reset values) and what "
    "happens each cycle; any parameters and their defaults.\n\n"
    "Write Markdown prose and lists; do not repeat the code.\n\n"
    "{ports}"
    "## Code\n```{fence}\n{code}```"
)
_COMMENTED_USER = (
    "Add block-level comments to the {language} code below: one short comment before each {blocks}, "
    "saying what it does and why. Keep the existing comments.\n"
    "Change nothing else: every line of code, every name, operator and number stays exactly as it is.\n"
    "Reply with the complete commented code in one ```{fence} block.\n\n"
    "```{fence}\n{code}```"
)
_VERILOG_BLOCKS = ("always block, group of related continuous assignments (`assign`), module instance and group "
                   "of declarations")
_CHISEL_BLOCKS = ("register or wire declaration group, `when` block, group of related connections (`:=`) and "
                  "submodule instance")
_LANGUAGE_NAMES = {Language.VERILOG: "Verilog", Language.SYSTEMVERILOG: "SystemVerilog", Language.CHISEL: "Chisel"}


def describe_prompts(record: Record, outline: DesignOutline | None = None) -> dict[str, list[ChatMessage]]:
    """The messages sent for each grain of ``record`` ("summary", "detailed", "commented").
    ``outline`` (the ports listed in the detailed request) is read from the code when not given."""
    chisel = record.language == Language.CHISEL
    if outline is None and not chisel:
        outline = _outline(record)
    values = {
        "language": _LANGUAGE_NAMES[record.language],
        "kind": "Chisel module" if chisel else "module",
        "top": record.top,
        "fence": _FENCE_TAG[record.language],
        "code": record.code if record.code.endswith("\n") else record.code + "\n",
        "blocks": _CHISEL_BLOCKS if chisel else _VERILOG_BLOCKS,
    }
    if chisel:
        values["port_request"] = ("every port (each field of its `IO` bundles, and the implicit clock and reset "
                                  "when it has registers) by its exact name")
        values["ports"] = ""
    else:
        values["port_request"] = "every port listed below, by its exact name"
        values["ports"] = f"## Ports of `{record.top}`\n{_ports_text(outline)}\n\n"
    system = ChatMessage(role="system", content=_SYSTEM.format(**values))
    users = {"summary": _SUMMARY_USER, "detailed": _DETAILED_USER, "commented": _COMMENTED_USER}
    return {grain: [system, ChatMessage(role="user", content=users[grain].format(**values))] for grain in GRAINS}


_FENCE_TAG = {Language.VERILOG: "verilog", Language.SYSTEMVERILOG: "systemverilog", Language.CHISEL: "scala"}


def _ports_text(outline: DesignOutline | None) -> str:
    if outline is None or outline.top is None:
        return "(the ports could not be read from the code: name every port you find in its header)"
    lines = []
    for port in outline.ports:
        width = f"[{port.width - 1}:0] " if port.width > 1 else ""
        lines.append(f"- {port.direction} {'signed ' if port.signed else ''}{width}{port.name}")
    return "\n".join(lines) or "(none)"


# --- describing ------------------------------------------------------------------------------

def describe_record(record: Record, model: Model, options: DescribeOptions = DescribeOptions()) -> Description:
    """Ask ``model`` for the three grains of ``record`` and check them. A :class:`ModelError` ends
    the record's requests: the description is not accepted, its first problem says which request
    failed and why (see :func:`failed_by_model`), and the grains already answered are kept."""
    outline = None if record.language == Language.CHISEL else _outline(record)
    prompts = describe_prompts(record, outline)
    answers: dict[str, str] = {}
    for grain in GRAINS:
        messages = prompts[grain]
        context = SampleContext(task=None, sample=0, top=record.top, spec=messages[-1].content,
                                language=record.language.value)
        try:
            answers[grain] = model.generate(messages, options.config, context).text
        except FatalModelError:
            raise  # no record can be described: the whole command stops (what was stored stays)
        except ModelError as error:
            return _failed(record, model, f"{MODEL_FAILURE} on the {grain} request: {error}", answers)
    summary, detailed = _clean_summary(answers["summary"]), answers["detailed"].strip()
    commented = _commented_code(answers["commented"], record)
    problems = _check(record, outline, summary, detailed, commented)
    return Description(record_id=record.id, summary=summary, detailed=detailed, commented_code=commented,
                       model=model.name, accepted=not problems, problems=problems)


def describe_records(records: Iterable[Record], model: Model, options: DescribeOptions = DescribeOptions()
                     ) -> Iterator[Description]:
    """Describe ``records`` with ``options.jobs`` records in flight, yielding each description as soon
    as it is known, in completion order. Never raises for one record: a model failure, or any other
    error while describing it, is that record's not-accepted description, and the others go on."""
    def crashed(record: Record, error: BaseException) -> Description:
        return _failed(record, model, f"describing failed: {type(error).__name__}: {error}", {})

    return map_records(lambda record: describe_record(record, model, options), records, options.jobs, options.jobs * 2,
                       crashed, "rtlwb-describe")


def failed_by_model(description: Description) -> bool:
    """Whether ``description`` records a model that gave no answer (rather than answers that failed
    their checks): worth asking again."""
    return bool(description.problems) and description.problems[0].startswith(MODEL_FAILURE)


def _failed(record: Record, model: Model, problem: str, answers: dict[str, str]) -> Description:
    return Description(record_id=record.id, summary=_clean_summary(answers.get("summary", "")),
                       detailed=answers.get("detailed", "").strip(), commented_code="", model=model.name,
                       accepted=False, problems=[problem])


def _outline(record: Record) -> DesignOutline | None:
    call = call_isolated(outline_design, record.code, record.top, limits=_OUTLINE_LIMITS)
    return call.value


# --- reading the answers ---------------------------------------------------------------------

_SUMMARY_LABEL = re.compile(r"^[*_#\s]*(?:one[- ]line\s+)?summary[*_\s]*:[*_\s]*", re.IGNORECASE)
_ANY_FENCE = re.compile(r"^[ \t]*```[ \t]*([\w+\-]*)[^\n]*\n(.*?)(?:^[ \t]*```|\Z)", re.MULTILINE | re.DOTALL)
_HDL_FENCE_TAGS = {"", "verilog", "systemverilog", "sv", "v"}
_SCALA_FENCE_TAGS = {"", "scala", "chisel"}


def _clean_summary(answer: str) -> str:
    """The answer without surrounding blanks, quotes and a leading "Summary:" label."""
    text = _SUMMARY_LABEL.sub("", answer.strip(), count=1)
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'`":
        text = text[1:-1]
    return text.strip()


def _commented_code(answer: str, record: Record) -> str:
    """The code in ``answer``: its fenced blocks together, or one of them, or (for Verilog) the
    modules :func:`~workbench.answer.extract.extract_verilog` finds, whichever is the record's code once
    comments are removed; when none is, the first of them (and the check will say so)."""
    tags = _SCALA_FENCE_TAGS if record.language == Language.CHISEL else _HDL_FENCE_TAGS
    blocks = [body for tag, body in _ANY_FENCE.findall(answer) if tag.lower() in tags]
    candidates = ["\n".join(block.rstrip("\n") for block in blocks) + "\n"] if blocks else []
    candidates += [block for block in reversed(blocks) if len(blocks) > 1]
    if record.language != Language.CHISEL:
        with contextlib.suppress(ExtractionError):
            candidates.append(extract_verilog(answer).code)
    if not blocks:
        candidates.append(answer.strip() + "\n")
    original = _code_tokens(record.code, record.language)
    for candidate in candidates:
        if _code_tokens(candidate, record.language) == original:
            return candidate
    return candidates[0]


# --- checking --------------------------------------------------------------------------------

def check_description(record: Record, summary: str, detailed: str, commented_code: str) -> list[str]:
    """Why this description of ``record`` cannot be accepted (empty: it can).

    - the summary is one non-empty line of at most :data:`SUMMARY_MAX_WORDS` words;
    - the detailed description names the top module and every port of it (a case-insensitive
      whole-word match; ports read with :func:`~workbench.hdl.interface.outline_design`). Chisel records:
      their ports are not checked (only the class name is), as their IO is not read from Scala;
    - the commented code is the record's code once comments (``//``, ``/* */``; not inside string
      literals) are removed and whitespace is made canonical, and it adds no tool directive
      (``// synopsys ...``, ``// verilator ...``) that the code did not have.
    """
    outline = None if record.language == Language.CHISEL else _outline(record)
    return _check(record, outline, summary, detailed, commented_code)


def _check(record: Record, outline: DesignOutline | None, summary: str, detailed: str, commented: str) -> list[str]:
    problems = []
    if not summary.strip():
        problems.append("the summary is empty")
    elif len(summary.strip().splitlines()) > 1:
        problems.append(f"the summary has {len(summary.strip().splitlines())} lines, not one")
    elif len(summary.split()) > SUMMARY_MAX_WORDS:
        problems.append(f"the summary has {len(summary.split())} words (at most {SUMMARY_MAX_WORDS})")
    if not detailed.strip():
        problems.append("the detailed description is empty")
    else:
        if not _names(detailed, record.top):
            problems.append(f"the detailed description does not name the module `{record.top}`")
        if record.language != Language.CHISEL:
            if outline is None or outline.top is None:
                problems.append(f"the ports of `{record.top}` could not be read to check the detailed description")
            else:
                missing = [port.name for port in outline.ports if not _names(detailed, port.name)]
                if missing:
                    problems.append("the detailed description does not name the port(s) "
                                    + ", ".join(f"`{name}`" for name in missing))
    problems += _code_problems(record, commented)
    return problems


def _names(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", text, re.IGNORECASE) is not None


def _code_problems(record: Record, commented: str) -> list[str]:
    if not commented.strip():
        return ["the commented code is missing"]
    original, answer = _code_tokens(record.code, record.language), _code_tokens(commented, record.language)
    if original != answer:
        return [f"{CODE_CHANGED} ({_first_difference(original, answer)})"]
    if record.language != Language.CHISEL:
        added = sorted(set(_directives(commented)) - set(_directives(record.code)))
        if added:
            return ["the commented code adds tool directives in comments: " + "; ".join(f"`{d}`" for d in added)]
    return []


# Strings first, so that `//` in a string is text and a quote in a comment is nothing. Scala adds
# triple-quoted strings and character literals ('"').
_OPERATOR = r"<<<|>>>|===|!==|<=|>=|==|!=|&&|\|\||<<|>>|\*\*|:=|->|=>|\+:|-:|::"
_VERILOG_LEXEMES = re.compile(r'(?P<string>"(?:\\.|[^"\\\n])*")|(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))'
                              rf"|(?P<word>[\w$`']+)|(?P<operator>{_OPERATOR})|(?P<other>\S)", re.DOTALL)
_SCALA_LEXEMES = re.compile(r'(?P<string>"""(?:.*?)"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])\')'
                            r"|(?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))"
                            rf"|(?P<word>[\w$]+)|(?P<operator>{_OPERATOR})|(?P<other>\S)", re.DOTALL)
_DIRECTIVE = re.compile(r"^(?://|/\*)\s*((?:synopsys|synthesis|pragma|verilator|lint_off|lint_on|cadence|ambit"
                        r"|spyglass|xilinx|altera)\b[^\n*]*)", re.IGNORECASE)


def _code_tokens(code: str, language: Language) -> list[str]:
    """The tokens of ``code`` without its comments: identifiers, numbers and string literals whole,
    every other character on its own, so that whitespace never matters (``a+b`` is ``a + b``)."""
    lexemes = _SCALA_LEXEMES if language == Language.CHISEL else _VERILOG_LEXEMES
    return [match.group() for match in lexemes.finditer(code) if match.lastgroup != "comment"]


def _directives(code: str) -> list[str]:
    comments = (m.group() for m in _VERILOG_LEXEMES.finditer(code) if m.lastgroup == "comment")
    return [" ".join(found.group(1).split()) for comment in comments if (found := _DIRECTIVE.match(comment))]


def _first_difference(original: list[str], answer: list[str]) -> str:
    at = next((i for i, (a, b) in enumerate(zip(original, answer)) if a != b), min(len(original), len(answer)))
    if at == len(answer):
        return f"it stops before `{_excerpt(original, at, 0)}`"
    if at == len(original):
        return f"it adds `{_excerpt(answer, at, 0)}` after the end"
    return f"`{_excerpt(answer, at)}` where the code has `{_excerpt(original, at)}`"


def _excerpt(tokens: list[str], at: int, before: int = 2) -> str:
    return " ".join(tokens[max(0, at - before):at + 4])[:120]
