"""Extract the source from a model's answer, per language: Verilog/SystemVerilog (fenced blocks,
several modules, prose around them) and Chisel's Scala.

Models answer in many shapes: one fenced block, several blocks (often a first attempt and then a
"corrected" one), bare code with prose around it, or an answer cut off inside a fence. The rule:
gather every module definition from HDL (or untagged) fences, or from the bare text when there
are no fences; when a module is defined more than once, the last definition wins.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]*```[ \t]*([\w+\-]*)[^\n]*\n(.*?)(?:^[ \t]*```|\Z)", re.MULTILINE | re.DOTALL)
_HDL_TAGS = {"", "verilog", "systemverilog", "sv", "v", "vlog", "hdl", "vhdl-verilog"}
_MODULE_START = re.compile(r"^[ \t]*module\s+(\w+)", re.MULTILINE)
# `endmodule` may close a one-line module; an SV end label (`endmodule : name`) belongs to it.
_MODULE_END = re.compile(r"\bendmodule\b(?:[ \t]*:[ \t]*\w+)?")
# Far beyond any real answer; bounds the work spent on hostile or runaway output.
MAX_ANSWER_CHARS = 2_000_000
_PREAMBLE = re.compile(r"^[ \t]*`(timescale|define|default_nettype)\b[^\n]*", re.MULTILINE)
_SCALA_FENCE = re.compile(r"```[ \t]*(scala|chisel)?[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL | re.IGNORECASE)
# Properties (assertion, nl2sva) and HLS fixes: any fenced block; HLS's tags may hold a "+" (c++).
_PROPERTY_BLOCK = re.compile(r"```[a-zA-Z]*\n(.*?)```", re.DOTALL)
_CODE_BLOCK = re.compile(r"```[a-zA-Z+]*\n(.*?)```", re.DOTALL)
_BUG_LINES = re.compile(r"BUG\s+LINES?\s*:\s*([\d,\s]+)", re.IGNORECASE)
_BUG_TYPE = re.compile(r"BUG\s+TYPE\s*:\s*([a-z-]+)", re.IGNORECASE)


class ExtractionError(ValueError):
    """The answer holds no complete module definition."""


@dataclass(frozen=True)
class Extraction:
    code: str
    modules: tuple[str, ...]


def extract_verilog(answer: str) -> Extraction:
    """The HDL source in ``answer``; raises :class:`ExtractionError` when there is none."""
    if len(answer) > MAX_ANSWER_CHARS:
        raise ExtractionError(f"the answer has {len(answer):,} characters, more than the {MAX_ANSWER_CHARS:,} accepted")
    sources = _fenced_sources(answer)
    if not sources:
        sources = [answer]
    definitions: dict[str, str] = {}
    preamble: list[str] = []
    for source in sources:
        for line in _PREAMBLE.finditer(source):
            if line.group(0).strip() not in preamble:
                preamble.append(line.group(0).strip())
        for name, text in module_definitions(source):
            definitions.pop(name, None)  # a later definition replaces an earlier one
            definitions[name] = text
    if not definitions:
        raise ExtractionError(_why_nothing(answer))
    code = "\n\n".join([*preamble, *definitions.values()]) + "\n"
    return Extraction(code=code, modules=tuple(definitions))


def module_definitions(source: str) -> list[tuple[str, str]]:
    """(name, text) of each `module ... endmodule`, pairing each start with the next end.

    Starts and ends are found in one pass each: a lazy regex spanning both goes quadratic on
    answers with many unterminated modules.
    """
    ends = list(_MODULE_END.finditer(source))
    end_positions = [end.start() for end in ends]
    found: list[tuple[str, str]] = []
    consumed = 0
    for start in _MODULE_START.finditer(source):
        if start.start() < consumed:
            continue
        index = bisect.bisect_left(end_positions, start.end())
        if index == len(ends):
            break
        found.append((start.group(1), source[start.start():ends[index].end()].strip()))
        consumed = ends[index].end()
    return found


def _fenced_sources(answer: str) -> list[str]:
    return [body for tag, body in _FENCE.findall(answer) if tag.lower() in _HDL_TAGS]


def _why_nothing(answer: str) -> str:
    if not answer.strip():
        return "the answer is empty"
    if re.search(r"^[ \t]*module\s+\w+", answer, re.MULTILINE):
        return "a module starts but never reaches `endmodule` (truncated answer?)"
    return "the answer contains no Verilog module (`module ... endmodule`)"


def extract_scala(answer: str) -> str:
    """The Scala source in a model answer: its scala/chisel fenced blocks, or the bare text."""
    blocks = [match.group(2) for match in _SCALA_FENCE.finditer(answer)
              if (match.group(1) or "").lower() in ("scala", "chisel")]
    if not blocks:
        blocks = [match.group(2) for match in _SCALA_FENCE.finditer(answer)]
    source = "\n\n".join(blocks) if blocks else answer
    if not re.search(r"\bclass\s+\w+", source):
        raise ExtractionError("no Scala class found in the answer (expected a ```scala block with the Chisel module)")
    return source


def extract_properties(completion: str) -> str:
    """The properties in an answer: its fenced code blocks, or the whole text without fences."""
    blocks = _PROPERTY_BLOCK.findall(completion)
    return "\n".join(blocks) if blocks else completion


def extract_fix(completion: str) -> str | None:
    """The fixed kernel: the longest code block of the answer; an answer without any fence is bare
    code (a kernel file, the golden kernel), as bare HDL is to :func:`extract_verilog`."""
    if "```" not in completion:
        return completion if completion.strip() else None
    blocks = _CODE_BLOCK.findall(completion)
    return max(blocks, key=len) if blocks else None


def localization(completion: str) -> tuple[list[int], str | None]:
    """The answer's ``BUG LINE:`` numbers (most likely first) and ``BUG TYPE:``."""
    outside = _CODE_BLOCK.sub("", completion)
    lines = _BUG_LINES.search(outside)
    kind = _BUG_TYPE.search(outside)
    numbers = [int(n) for n in re.findall(r"\d+", lines.group(1))] if lines else []
    return numbers, kind.group(1).lower() if kind else None
