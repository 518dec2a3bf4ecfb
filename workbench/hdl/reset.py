"""A design's reset read from the design itself, when no setup names it or its level.

The importers (AssertionBench's tcl names the reset but not its level) and ``rtlwb sva check``
(nothing names it) need the same answer: which input is the reset (its name says so: ``rst``,
``rst_n``, ``reset``, ``aresetn``, ``PRESETn``, ``reset_``), at which level it is active (the
edge a sensitivity list waits for, else the name: ``_n``, ``n``, ``_b``, ``_l``, ``_ni`` or a
trailing ``_`` mean active low) and whether it is synchronous (no sensitivity list names it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.hdl.interface import PortFound
from workbench.task.format import Reset

_RESET_NAME = re.compile(r"^(i_)?[aps]?(rst|reset)(_?n|_b|_l|_ni|_)?$", re.IGNORECASE)
_ACTIVE_LOW_NAME = re.compile(r"(_n|n|_b|_l|_ni|_)$", re.IGNORECASE)


def named_like_a_reset(name: str) -> bool:
    return bool(_RESET_NAME.match(name))


def active_low_by_name(name: str) -> bool:
    """Whether the name of a reset says it is active low (``rst_n``, ``resetn``, ``rst_b``, ...)."""
    return bool(_ACTIVE_LOW_NAME.search(name))


def reset_inputs(ports: Iterable[PortFound]) -> list[str]:
    """The inputs among ``ports`` whose names say they are a reset, in port order."""
    return [port.name for port in ports if port.direction == "input" and named_like_a_reset(port.name)]


def reset_named(design: str, name: str) -> Reset:
    """The reset ``name`` of ``design``, with its level and kind read from the design."""
    edge = _edge(design, name)
    active_low = edge == "negedge" if edge else active_low_by_name(name)
    return Reset(name=name, active_low=active_low, synchronous=edge is None)


def _edge(design: str, name: str) -> str | None:
    """The edge of ``name`` a sensitivity list waits for (``posedge``/``negedge``), if any."""
    found = re.search(rf"\b(posedge|negedge)\s+{re.escape(name)}\b", design)
    return found.group(1) if found else None
