"""Tests for narrow_digit_counter: a decimal model checks digit and carry after every rising edge
(several wraps, holds at 9 and 0, reset at every count, random increments)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock


class Model:
    def __init__(self) -> None:
        self.digit, self.carry = 0, 0

    def step(self, rst_n: int, inc: int) -> None:
        if not rst_n:
            self.digit, self.carry = 0, 0
            return
        self.carry = int(inc and self.digit == 9)
        self.digit = (self.digit + inc) % 10


async def cycle(dut, model: Model, inc: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.inc.value = rst_n, inc
    before = model.digit
    await FallingEdge(dut.clk)
    model.step(rst_n, inc)
    got = (read_int(dut.digit), read_int(dut.carry))
    expected = (model.digit, model.carry)
    assert got == expected, (f"from digit {before}, edge with rst_n={rst_n} inc={inc}: "
                             f"got (digit, carry)={got}, expected {expected}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def wraps_and_holds(dut):
    model = await start(dut)
    for _ in range(35):  # three and a half wraps
        await cycle(dut, model)
    while model.digit != 9:
        await cycle(dut, model)
    for _ in range(3):
        await cycle(dut, model, inc=0)  # holding at 9 gives no carry
    await cycle(dut, model)
    for _ in range(3):
        await cycle(dut, model, inc=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_at_every_count(dut):
    model = await start(dut)
    for count in range(11):
        for _ in range(count):
            await cycle(dut, model)
        await cycle(dut, model, rst_n=0)
        await cycle(dut, model)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_increments(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        await cycle(dut, model, inc=int(generator.random() < 0.7), rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("inc",), outputs=("digit", "carry"))
