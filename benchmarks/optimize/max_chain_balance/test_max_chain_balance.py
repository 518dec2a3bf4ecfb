"""Tests for max_chain_balance: the maximum at every lane position, ties, both extremes, then random
vectors (wide-range and narrow-range, so that near ties are frequent)."""

import cocotb

from workbench.tb import pack, read_int, rng, settle

LANES = 8
LOW, HIGH = -128, 127


async def check(dut, values: list[int]) -> None:
    dut.lanes.value = pack(values, 8)
    await settle()
    got = read_int(dut.max_value, signed=True)
    assert got == max(values), f"lanes={values}: got max_value={got}, expected {max(values)}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def maximum_at_each_position(dut):
    for position in range(LANES):
        for background, peak in ((LOW, HIGH), (LOW, LOW + 1), (-1, 0), (0, 1), (HIGH - 1, HIGH), (-2, -1)):
            values = [background] * LANES
            values[position] = peak
            await check(dut, values)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def uniform_and_extreme_lanes(dut):
    for value in (LOW, -1, 0, 1, HIGH):
        await check(dut, [value] * LANES)
    await check(dut, [LOW, HIGH] * 4)
    await check(dut, [HIGH, LOW] * 4)
    await check(dut, list(range(-4, 4)))
    await check(dut, list(range(3, -5, -1)))


@cocotb.test(timeout_time=5, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(600):
        await check(dut, [generator.randint(LOW, HIGH) for _ in range(LANES)])
    for _ in range(300):
        centre = generator.randint(LOW + 3, HIGH - 3)
        await check(dut, [centre + generator.randint(-3, 3) for _ in range(LANES)])
