"""Tests for window_count_incremental: a window model checks count after every rising edge (filling
and emptying the window, a single pulse travelling through it, alternating patterns, reset with a
full window, random activity at several densities)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

WINDOW = 16


class Model:
    def __init__(self) -> None:
        self.window = [0] * WINDOW  # active at the last WINDOW edges, most recent first

    def step(self, rst_n: int, active: int) -> None:
        self.window = [0] * WINDOW if not rst_n else [active] + self.window[:-1]


async def cycle(dut, model: Model, active: int, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.active.value = rst_n, active
    await FallingEdge(dut.clk)
    model.step(rst_n, active)
    got = read_int(dut.count)
    assert got == sum(model.window), (f"after edge with rst_n={rst_n} active={active} (window, newest first: "
                                      f"{model.window}): got count={got}, expected {sum(model.window)}")


async def run(dut, model: Model, pattern: list[int]) -> None:
    for active in pattern:
        await cycle(dut, model, active)


async def begin(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, 1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def fill_and_empty(dut):
    model = await begin(dut)
    await run(dut, model, [1] * (WINDOW + 4) + [0] * (WINDOW + 4))
    await run(dut, model, [1] + [0] * (WINDOW + 2))
    await run(dut, model, [1, 0] * WINDOW + [0, 1] * WINDOW + [1, 1, 0] * 12)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_with_a_full_window(dut):
    model = await begin(dut)
    for hold in (1, 2):
        await run(dut, model, [1] * (WINDOW + 1))
        for _ in range(hold):
            await cycle(dut, model, 1, rst_n=0)
        await run(dut, model, [0] * 3 + [1] * 5 + [0] * (WINDOW + 1))


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_activity(dut):
    model = await begin(dut)
    generator = rng()
    for density in (0.05, 0.3, 0.5, 0.8, 0.97):
        for _ in range(500):
            await cycle(dut, model, int(generator.random() < density), rst_n=0 if generator.random() < 0.003 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("active",), outputs=("count",))
