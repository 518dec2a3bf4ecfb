"""Tests for argmin_chain_balance: a cycle model checks every output after every rising edge (the
minimum at each lane, ties between every pair of lanes, held outputs while in_valid is 0, reset,
random traffic with frequent ties)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, start_clock

LANES = 8
LOW, HIGH = -128, 127


class Model:
    def __init__(self) -> None:
        self.valid, self.score, self.index = 0, 0, 0

    def step(self, rst_n: int, in_valid: int, values: list[int]) -> None:
        if not rst_n:
            self.valid, self.score, self.index = 0, 0, 0
            return
        self.valid = in_valid
        if in_valid:
            self.score = min(values)
            self.index = values.index(self.score)


async def cycle(dut, model: Model, values: list[int], in_valid: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value = rst_n
    dut.in_valid.value = in_valid
    dut.scores.value = pack(values, 8)
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, values)
    context = f"after edge with rst_n={rst_n} in_valid={in_valid} scores={values}"
    got = (read_int(dut.out_valid), read_int(dut.min_score, signed=True), read_int(dut.min_index))
    expected = (model.valid, model.score, model.index)
    assert got == expected, f"{context}: got (out_valid, min_score, min_index)={got}, expected {expected}"


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, [0] * LANES, in_valid=1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def minimum_at_each_lane(dut):
    model = await start(dut)
    for lane in range(LANES):
        for background, low in ((HIGH, LOW), (0, -1), (1, 0), (LOW + 1, LOW), (HIGH, HIGH - 1)):
            values = [background] * LANES
            values[lane] = low
            await cycle(dut, model, values)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def ties_pick_the_lowest_lane(dut):
    model = await start(dut)
    for first in range(LANES):
        for second in range(first + 1, LANES):
            values = [HIGH] * LANES
            values[first] = values[second] = -5
            await cycle(dut, model, values)
    for value in (LOW, -1, 0, HIGH):
        await cycle(dut, model, [value] * LANES)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def outputs_hold_without_valid_and_reset_clears(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(40):
        values = [generator.randint(LOW, HIGH) for _ in range(LANES)]
        await cycle(dut, model, values, in_valid=generator.randrange(2))
    await cycle(dut, model, [LOW] * LANES, in_valid=1, rst_n=0)
    for _ in range(3):
        await cycle(dut, model, [LOW] * LANES, in_valid=0)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        spread = generator.choice((3, 20, 255))
        centre = generator.randint(LOW, HIGH)
        values = [max(LOW, min(HIGH, centre + generator.randint(-spread, spread))) for _ in range(LANES)]
        await cycle(dut, model, values, in_valid=int(generator.random() < 0.8),
                    rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "scores"),
                                               outputs=("out_valid", "min_score", "min_index"))
