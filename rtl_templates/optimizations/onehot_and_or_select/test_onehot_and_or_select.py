"""Tests for onehot_and_or_select: a token model checks slot and lane_out after every rising edge
(full rotations with distinct lanes, holds, reset in every slot, random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, start_clock

SLOTS = 8


class Model:
    def __init__(self) -> None:
        self.position = 0

    def step(self, rst_n: int, advance: int) -> None:
        self.position = 0 if not rst_n else (self.position + advance) % SLOTS


async def cycle(dut, model: Model, lanes: list[int], advance: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.advance.value, dut.lanes.value = rst_n, advance, pack(lanes, 8)
    await FallingEdge(dut.clk)
    model.step(rst_n, advance)
    got = (read_int(dut.slot), read_int(dut.lane_out))
    expected = (1 << model.position, lanes[model.position])
    assert got == expected, (f"after edge with rst_n={rst_n} advance={advance} lanes={lanes}: "
                             f"got (slot, lane_out)={got}, expected {expected}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, [0] * SLOTS, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def rotations_with_distinct_lanes(dut):
    model = await start(dut)
    distinct = [0x11 * (i + 1) for i in range(SLOTS)]
    for _ in range(2 * SLOTS + 3):
        await cycle(dut, model, distinct)
        await cycle(dut, model, [255 - value for value in distinct], advance=0)
    for _ in range(SLOTS):  # only the current lane non-zero; then all lanes but it, advancing to the next
        lanes = [0] * SLOTS
        lanes[model.position] = 0xA5
        await cycle(dut, model, lanes, advance=0)
        lanes = [0xFF] * SLOTS
        lanes[model.position] = 0
        await cycle(dut, model, lanes)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_in_every_slot(dut):
    model = await start(dut)
    generator = rng()
    for position in range(SLOTS):
        for _ in range(position):
            await cycle(dut, model, [generator.randrange(256) for _ in range(SLOTS)])
        await cycle(dut, model, [generator.randrange(256) for _ in range(SLOTS)], rst_n=0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        await cycle(dut, model, [generator.randrange(256) for _ in range(SLOTS)],
                    advance=int(generator.random() < 0.6), rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("advance", "lanes"), outputs=("slot", "lane_out"))
