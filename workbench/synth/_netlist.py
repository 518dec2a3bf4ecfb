"""Counting a Yosys JSON netlist: cells by type, flip-flops, and the logic depth between registers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Yosys's fine-grained storage cells after ``synth``: flip-flops (every kind of enable, reset and
# set) and latches, one cell per bit.
_FLIP_FLOP = re.compile(r"^\$_(FF|DFF|DFFE|SDFF|SDFFE|SDFFCE|ALDFF|ALDFFE|DFFSR|DFFSRE)_")
_LATCH = re.compile(r"^\$_(DLATCH|DLATCHSR|SR)_")


def is_flip_flop(cell_type: str) -> bool:
    return bool(_FLIP_FLOP.match(cell_type))


def is_latch(cell_type: str) -> bool:
    return bool(_LATCH.match(cell_type))


def top_module(netlist: dict, top: str) -> dict:
    """The top module of a flattened design (Yosys's ``write_json``): beside it, only the black
    boxes it instantiates are left."""
    return netlist["modules"][top]


def cells_by_type(module: dict) -> dict[str, int]:
    counts = Counter(cell["type"] for cell in module["cells"].values())
    return dict(sorted(counts.items()))


def depth(module: dict, counted: Iterable[str]) -> int:
    """The most cells of the ``counted`` types on one combinational path (from an input or a
    register's output to an output or a register's input): AND nodes on an AIG path, LUTs on a LUT
    path. Other combinational cells (inverters) pass their inputs' depth on; storage cells start
    paths anew. A combinational loop is cut where it closes (Yosys leaves none in a synthesised
    design but a design may write one)."""
    counted = frozenset(counted)
    cells = {name: cell for name, cell in module["cells"].items()
             if not (is_flip_flop(cell["type"]) or is_latch(cell["type"]))}
    driver: dict[int, str] = {}
    for name, cell in cells.items():
        for port, bits in cell["connections"].items():
            if cell["port_directions"].get(port) == "output":
                driver.update((bit, name) for bit in bits if isinstance(bit, int))
    inputs = {name: [driver[bit] for port, bits in cell["connections"].items()
                     if cell["port_directions"].get(port) == "input"
                     for bit in bits if isinstance(bit, int) and bit in driver]
              for name, cell in cells.items()}
    level: dict[str, int] = {}
    for start in cells:
        _settle(start, cells, inputs, counted, level)
    return max(level.values(), default=0)


def _settle(start: str, cells: dict[str, dict], inputs: dict[str, list[str]], counted: frozenset[str],
            level: dict[str, int]) -> None:
    """The level of ``start`` and of every cell it depends on, depth first without recursion (a
    path can be thousands of cells long); a source still on the path is a loop, cut there."""
    if start in level:
        return
    path = {start}
    stack = [(start, iter(inputs[start]))]
    while stack:
        name, sources = stack[-1]
        source = next((s for s in sources if s not in level and s not in path), None)
        if source is not None:
            path.add(source)
            stack.append((source, iter(inputs[source])))
            continue
        stack.pop()
        path.discard(name)
        own = 1 if cells[name]["type"] in counted else 0
        level[name] = own + max((level.get(s, 0) for s in inputs[name]), default=0)
