"""Tests for balance_min_max_tree: the extremes at every pair of lanes, equal samples and ties,
then random and clustered vectors."""

import cocotb
from cocotb.triggers import Timer

from workbench.tb import pack, read_int, rng

LANES = 8


async def check(dut, samples: list[int]) -> None:
    dut.samples.value = pack(samples, 8)
    await Timer(1, "ns")
    expected = max(samples) - min(samples)
    got = read_int(dut.spread)
    assert got == expected, f"samples={samples}: got spread={got}, expected {expected}"


@cocotb.test()
async def extremes_in_every_pair_of_lanes(dut):
    for low_lane in range(LANES):
        for high_lane in range(LANES):
            if low_lane != high_lane:
                samples = [100 + lane for lane in range(LANES)]
                samples[low_lane], samples[high_lane] = 3, 250
                await check(dut, samples)


@cocotb.test()
async def equal_samples_and_ties(dut):
    for value in (0, 1, 127, 128, 255):
        await check(dut, [value] * LANES)
    await check(dut, [0, 255] * 4)
    await check(dut, [255, 0, 0, 255, 7, 7, 255, 0])
    await check(dut, [9, 9, 8, 8, 9, 8, 9, 8])


@cocotb.test()
async def random_vectors(dut):
    random = rng()
    for _ in range(400):
        await check(dut, [random.randrange(256) for _ in range(LANES)])
    for _ in range(400):  # close values make every comparison matter
        base = random.randrange(240)
        await check(dut, [base + random.randrange(16) for _ in range(LANES)])
