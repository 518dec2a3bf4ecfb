"""Tests for delay_line: reset state, an impulse, a dense random stream and resets in mid-stream,
with both outputs compared every cycle against a Python model of the DEPTH-stage line."""

from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

DEPTH = 4
WIDTH = 8


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        # stages[0] is the first stage, stages[-1] drives the outputs.
        self.stages = deque([(0, 0)] * DEPTH, maxlen=DEPTH)

    def output(self) -> tuple[int, int]:
        return self.stages[-1]

    def step(self, rst_n: int, valid: int, data: int) -> None:
        if not rst_n:
            self.reset()
        else:
            self.stages.pop()
            self.stages.appendleft((valid, data))


async def start(dut) -> Model:
    Clock(dut.clk, 10, unit="ns").start()
    dut.rst_n.value = 0
    dut.in_valid.value = 1
    dut.in_data.value = 0xFF
    for _ in range(3):
        await FallingEdge(dut.clk)
    return Model()


async def cycle(dut, model: Model, valid: int, data: int, rst_n: int = 1) -> None:
    """Check the outputs for the current cycle, drive this cycle's inputs and clock them in."""
    dut.rst_n.value = rst_n
    dut.in_valid.value = valid
    dut.in_data.value = data
    await settle()
    got = (read_int(dut.out_valid), read_int(dut.out_data))
    expected = model.output()
    assert got == expected, (
        f"inputs rst_n={rst_n} in_valid={valid} in_data={data:#04x}: got out_valid={got[0]} "
        f"out_data={got[1]:#04x}, expected out_valid={expected[0]} out_data={expected[1]:#04x}"
    )
    model.step(rst_n, valid, data)
    await FallingEdge(dut.clk)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    model = await start(dut)
    # Inputs held non-zero during reset must not leak into the line.
    for _ in range(DEPTH + 2):
        await cycle(dut, model, 0, 0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def impulse(dut):
    model = await start(dut)
    await cycle(dut, model, 1, 0xC3)
    for _ in range(DEPTH + 3):
        await cycle(dut, model, 0, 0)
    # Data travels with valid = 0 as well.
    await cycle(dut, model, 0, 0x5A)
    await cycle(dut, model, 1, 0xA5)
    for _ in range(DEPTH + 3):
        await cycle(dut, model, 0, 0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_stream(dut):
    generator = rng()
    model = await start(dut)
    for step in range(900):
        rst_n = 0 if step in (300, 601, 602) else 1
        await cycle(dut, model, int(generator.random() < 0.7), generator.randrange(1 << WIDTH), rst_n)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_mid_stream(dut):
    generator = rng()
    model = await start(dut)
    for _ in range(DEPTH + 2):
        await cycle(dut, model, 1, generator.randrange(1, 1 << WIDTH))
    # One reset cycle while valid data is in flight: the line must come out empty and zeroed.
    await cycle(dut, model, 1, 0x77, rst_n=0)
    for _ in range(DEPTH + 2):
        await cycle(dut, model, 0, 0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "in_data"), outputs=("out_valid", "out_data"))
