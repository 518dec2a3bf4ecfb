"""A candidate's identity for sharing verdicts between identical answers."""

from __future__ import annotations

import hashlib
import re

from workbench.answer.extract import ExtractionError, extract_scala, extract_verilog

_COMMENTS = re.compile(r"//[^\n]*|/\*.*?(?:\*/|\Z)", re.DOTALL)


def candidate_key(answer: str, language: str = "systemverilog") -> str:
    """Identity of a candidate for sharing verdicts: its code without comments and whitespace."""
    try:
        code = extract_scala(answer) if language == "chisel" else extract_verilog(answer).code
    except ExtractionError:
        code = answer
    normalized = " ".join(_COMMENTS.sub(" ", code).split())
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]
