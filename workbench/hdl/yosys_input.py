"""The text Yosys is given for a design, for every Yosys run (equivalence, synthesis).

Light on purpose: pyslang parses only designs that contain ``return``, and only in the isolated
worker (see :mod:`workbench.hdl.yosys_compat` for the rewrite itself).
"""

from __future__ import annotations

import re

from workbench.sandbox import Limits, call_isolated

_RETURN = re.compile(r"\breturn\b")
_PARSER_LIMITS = Limits(wall_s=30, memory_mb=2048)  # pyslang on an untrusted design (the scorer's worker)


def yosys_input(code: str) -> tuple[str, str | None]:
    """``code`` as Yosys is given it (a function's final ``return`` rewritten) and why Yosys cannot
    read it even so (an early return), None when it can. When the worker fails, the design goes as
    written and Yosys reports what it cannot read."""
    if not _RETURN.search(code):
        return code, None
    from workbench.hdl.yosys_compat import rewrite_for_yosys  # noqa: PLC0415 - pyslang is heavy, needed here only

    call = call_isolated(rewrite_for_yosys, code, limits=_PARSER_LIMITS)
    return (call.value.text, call.value.problem) if call.value is not None else (code, None)
