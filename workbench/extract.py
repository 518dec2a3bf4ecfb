"""Extract HDL source from a model's answer: fenced blocks, several modules, prose around them.

Models answer in many shapes: one fenced block, several blocks (often a first attempt and then a
"corrected" one), bare code with prose around it, or an answer cut off inside a fence. The rule:
gather every module definition from HDL (or untagged) fences, or from the bare text when there
are no fences; when a module is defined more than once, the last definition wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^[ \t]*```[ \t]*([\w+\-]*)[^\n]*\n(.*?)(?:^[ \t]*```|\Z)", re.MULTILINE | re.DOTALL)
_HDL_TAGS = {"", "verilog", "systemverilog", "sv", "v", "vlog", "hdl", "vhdl-verilog"}
_MODULE = re.compile(r"^[ \t]*module\s+(\w+).*?^[ \t]*endmodule\b[^\n]*", re.MULTILINE | re.DOTALL)
_PREAMBLE = re.compile(r"^[ \t]*`(timescale|define|default_nettype)\b[^\n]*", re.MULTILINE)


class ExtractionError(ValueError):
    """The answer holds no complete module definition."""


@dataclass(frozen=True)
class Extraction:
    code: str
    modules: tuple[str, ...]


def extract_verilog(answer: str) -> Extraction:
    """The HDL source in ``answer``; raises :class:`ExtractionError` when there is none."""
    sources = _fenced_sources(answer)
    if not sources:
        sources = [answer]
    definitions: dict[str, str] = {}
    preamble: list[str] = []
    for source in sources:
        for line in _PREAMBLE.finditer(source):
            if line.group(0).strip() not in preamble:
                preamble.append(line.group(0).strip())
        for found in _MODULE.finditer(source):
            definitions.pop(found.group(1), None)  # a later definition replaces an earlier one
            definitions[found.group(1)] = found.group(0).strip()
    if not definitions:
        raise ExtractionError(_why_nothing(answer))
    code = "\n\n".join([*preamble, *definitions.values()]) + "\n"
    return Extraction(code=code, modules=tuple(definitions))


def _fenced_sources(answer: str) -> list[str]:
    return [body for tag, body in _FENCE.findall(answer) if tag.lower() in _HDL_TAGS]


def _why_nothing(answer: str) -> str:
    if not answer.strip():
        return "the answer is empty"
    if re.search(r"^[ \t]*module\s+\w+", answer, re.MULTILINE):
        return "a module starts but never reaches `endmodule` (truncated answer?)"
    return "the answer contains no Verilog module (`module ... endmodule`)"
