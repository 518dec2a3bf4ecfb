"""The depth of a netlist, on hand-made Yosys JSON modules (no Yosys needed)."""

from __future__ import annotations

from workbench.synth._netlist import cells_by_type, depth, is_flip_flop, is_latch


def _cell(kind: str, inputs: dict[str, list], outputs: dict[str, list]) -> dict:
    return {"type": kind, "port_directions": {**dict.fromkeys(inputs, "input"), **dict.fromkeys(outputs, "output")},
            "connections": {**inputs, **outputs}}


def _module(cells: dict[str, dict]) -> dict:
    return {"ports": {}, "cells": cells}


def test_and_nodes_on_the_longest_path_count_and_inverters_are_free() -> None:
    # 2 -> and1 -> 10 -> not -> 11 -> and2 -> 12 -> and3 -> 13 ; and4 off the path (depth 1)
    module = _module({
        "and1": _cell("$_AND_", {"A": [2], "B": [3]}, {"Y": [10]}),
        "not": _cell("$_NOT_", {"A": [10]}, {"Y": [11]}),
        "and2": _cell("$_AND_", {"A": [11], "B": [4]}, {"Y": [12]}),
        "and3": _cell("$_AND_", {"A": [12], "B": ["1"]}, {"Y": [13]}),
        "and4": _cell("$_AND_", {"A": [2], "B": [4]}, {"Y": [14]}),
    })
    assert depth(module, {"$_AND_"}) == 3
    assert cells_by_type(module) == {"$_AND_": 4, "$_NOT_": 1}


def test_a_shared_input_reached_twice_is_counted_once_at_its_full_depth() -> None:
    # a diamond: top reads both mid (depth 2 via base) and base (depth 1); top is at depth 3
    module = _module({
        "top": _cell("$lut", {"A": [20, 10]}, {"Y": [30]}),
        "mid": _cell("$lut", {"A": [10]}, {"Y": [20]}),
        "base": _cell("$lut", {"A": [1]}, {"Y": [10]}),
    })
    assert depth(module, {"$lut"}) == 3


def test_registers_start_paths_anew_and_a_loop_is_cut() -> None:
    through_register = _module({
        "a": _cell("$_AND_", {"A": [5], "B": [6]}, {"Y": [7]}),
        "ff": _cell("$_DFF_P_", {"C": [1], "D": [7]}, {"Q": [5]}),
        "b": _cell("$_AND_", {"A": [5], "B": [9]}, {"Y": [8]}),
    })
    assert depth(through_register, {"$_AND_"}) == 1
    loop = _module({
        "loop1": _cell("$_AND_", {"A": [41], "B": [2]}, {"Y": [40]}),
        "loop2": _cell("$_AND_", {"A": [40], "B": [2]}, {"Y": [41]}),
    })
    assert depth(loop, {"$_AND_"}) == 2
    assert depth(_module({}), {"$_AND_"}) == 0


def test_storage_cells_are_told_apart() -> None:
    assert all(is_flip_flop(kind) for kind in ("$_DFF_P_", "$_SDFFE_PP0P_", "$_DFFE_PN_", "$_ALDFF_PP_", "$_FF_"))
    assert not any(is_flip_flop(kind) for kind in ("$_DLATCH_P_", "$_AND_", "$lut", "$_MUX_"))
    assert is_latch("$_DLATCH_N_") and is_latch("$_SR_PP_") and not is_latch("$_DFF_P_")
