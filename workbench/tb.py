"""Helpers for cocotb testbenches of our suites (imported inside the simulator).

They encode the suite's conventions: stimulus changes on the falling edge, away from the active
edge, so Icarus and Verilator agree; randomness is seeded from cocotb's seed so a failure can be
replayed; reading an output that holds X or Z fails with a message naming the signal.

Stimulus on the falling edge cannot tell a design that acts on the falling edge from one that acts
on the rising edge; ``check_outputs_hold_over_falling_edge`` can, and a sequential task's tests
call it once.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, RisingEdge, Timer


def rng() -> random.Random:
    """A random generator seeded from the run's seed (``COCOTB_RANDOM_SEED``)."""
    return random.Random(cocotb.RANDOM_SEED)


def start_clock(dut, name: str = "clk", period_ns: int = 10) -> None:
    """Start a free-running clock on ``dut.<name>``."""
    Clock(getattr(dut, name), period_ns, unit="ns").start()


async def reset(dut, name: str = "rst_n", active_low: bool = True, cycles: int = 2,
                clock: str = "clk") -> None:
    """Hold reset for ``cycles`` clock cycles; assert and release it on falling edges."""
    signal = getattr(dut, name)
    clk = getattr(dut, clock)
    signal.value = 0 if active_low else 1
    for _ in range(cycles):
        await FallingEdge(clk)
    signal.value = 1 if active_low else 0


async def settle(ns: int = 1) -> None:
    """Let combinational logic settle after inputs changed."""
    await Timer(ns, unit="ns")


async def check_outputs_hold_over_falling_edge(
        dut, inputs: Sequence[str], outputs: Sequence[str], cycles: int = 200, clock: str = "clk",
        reset_name: str = "rst_n", active_low: bool = True) -> None:
    """Check that the state of a rising-edge design moves on the rising edge only.

    Starts the clock and resets the design, then every cycle drives random values on ``inputs``
    just after the rising edge and checks that no output changes over the falling edge that
    follows. This needs no model of the design: with its inputs steady, a design whose state moves
    on the rising edge holds its outputs until the next one, whatever the inputs are, while one
    whose state moves on the falling edge changes them there. Reset stays inactive meanwhile.
    """
    generator = rng()
    clk = getattr(dut, clock)
    handles = {name: getattr(dut, name) for name in inputs}
    for handle in handles.values():
        handle.value = generator.getrandbits(len(handle))
    start_clock(dut, clock)
    await reset(dut, reset_name, active_low, clock=clock)
    for cycle in range(cycles):
        await RisingEdge(clk)
        await settle()
        driven = {name: generator.getrandbits(len(handle)) for name, handle in handles.items()}
        for name, handle in handles.items():
            handle.value = driven[name]
        await settle()
        before = _snapshot(dut, outputs)
        await FallingEdge(clk)
        await settle()
        after = _snapshot(dut, outputs)
        changed = [f"{name} {before[name]} -> {after[name]}" for name in outputs
                   if before[name] != after[name]]
        assert not changed, (
            f"cycle {cycle}: with inputs held at {_hex(driven)}, outputs changed at the falling "
            f"edge ({', '.join(changed)}): the state must move on the rising edge of {clock} only")


def _snapshot(dut, outputs: Sequence[str]) -> dict[str, str]:
    """The outputs' bit strings, X and Z included (an output may be undefined yet must hold)."""
    return {name: str(getattr(dut, name).value) for name in outputs}


def _hex(values: dict[str, int]) -> str:
    return " ".join(f"{name}={value:#x}" for name, value in values.items())


def read_int(signal, signed: bool = False) -> int:
    """The value of ``signal`` as an int; fails clearly when any bit is X or Z."""
    value = signal.value
    bits = str(value)
    if any(bit not in "01" for bit in bits):
        raise AssertionError(f"{signal._name} holds unresolved bits: {bits}")
    unsigned = int(bits, 2)
    return to_signed(unsigned, len(bits)) if signed else unsigned


def to_signed(value: int, width: int) -> int:
    """Interpret the low ``width`` bits of ``value`` as two's complement."""
    value &= (1 << width) - 1
    return value - (1 << width) if value >> (width - 1) else value


def to_unsigned(value: int, width: int) -> int:
    """The two's-complement bit pattern of ``value`` in ``width`` bits."""
    return value & ((1 << width) - 1)


def pack(values: list[int], width: int) -> int:
    """Pack ``values`` into one word, element i at bits [i*width +: width] (two's complement)."""
    word = 0
    for index, value in enumerate(values):
        word |= to_unsigned(value, width) << (index * width)
    return word


def unpack(word: int, width: int, count: int, signed: bool = False) -> list[int]:
    """The ``count`` elements of ``word``, element i from bits [i*width +: width]."""
    elements = [(word >> (index * width)) & ((1 << width) - 1) for index in range(count)]
    return [to_signed(e, width) for e in elements] if signed else elements
