"""Tests for merge_detector_states: a model of the accepted bits checks found after every rising
edge (every 4-bit sequence from reset, overlapping matches, ignored bits, reset mid-match, random
streams)."""

import itertools

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

PATTERN = (1, 1, 0)


class Model:
    def __init__(self) -> None:
        self.history: tuple[int, ...] = ()

    def step(self, rst_n: int, valid: int, bit_in: int) -> None:
        if not rst_n:
            self.history = ()
        elif valid:
            self.history = (*self.history, bit_in)[-len(PATTERN):]

    @property
    def found(self) -> int:
        return int(self.history == PATTERN)


async def cycle(dut, model: Model, bit_in: int, valid: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.valid.value, dut.bit_in.value = rst_n, valid, bit_in
    before = model.history
    await FallingEdge(dut.clk)
    model.step(rst_n, valid, bit_in)
    got = read_int(dut.found)
    assert got == model.found, (f"after accepted bits {before}, edge with rst_n={rst_n} valid={valid} "
                                f"bit_in={bit_in}: got found={got}, expected {model.found}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, 1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def every_short_sequence_from_reset(dut):
    model = await start(dut)
    for length in range(1, 6):
        for bits in itertools.product((0, 1), repeat=length):
            await cycle(dut, model, 1, rst_n=0)
            for bit in bits:
                await cycle(dut, model, bit)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def overlapping_matches_and_ignored_bits(dut):
    model = await start(dut)
    for bit in (1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0):
        await cycle(dut, model, bit)
    for bit in (1, 1, 0):  # a match interleaved with bits that are not accepted
        await cycle(dut, model, 1 - bit, valid=0)
        await cycle(dut, model, bit)
        await cycle(dut, model, 1 - bit, valid=0)
    await cycle(dut, model, 1, valid=0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_streams(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(2000):
        await cycle(dut, model, int(generator.random() < 0.6), valid=int(generator.random() < 0.8),
                    rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("valid", "bit_in"), outputs=("found",))
