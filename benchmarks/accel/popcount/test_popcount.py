"""Tests for popcount: structured patterns (single bits, all-ones, runs, complements) and seeded
random vectors, checked against Python's bit count."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
MASK = (1 << WIDTH) - 1


def model(data: int) -> int:
    return bin(data).count("1")


async def check(dut, data: int) -> None:
    dut.data.value = data
    await settle()
    expected = model(data)
    got = read_int(dut.count)
    assert got == expected, f"data=0x{data:04x}: got count={got}, expected {expected}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def extremes(dut):
    for data in [0, MASK, 1, 1 << (WIDTH - 1), MASK >> 1, MASK ^ 1, 0x5555, 0xAAAA, 0x00FF, 0xFF00]:
        await check(dut, data)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def single_bits(dut):
    # One bit set and one bit clear at every position: each position must count.
    for position in range(WIDTH):
        await check(dut, 1 << position)
        await check(dut, MASK ^ (1 << position))


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def runs_of_ones(dut):
    # Contiguous runs of every length from the bottom and from the top.
    for length in range(WIDTH + 1):
        run = (1 << length) - 1
        await check(dut, run)
        await check(dut, (run << (WIDTH - length)) & MASK)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(400):
        await check(dut, generator.randint(0, MASK))
    # Dense and sparse vectors so high and low counts are both exercised.
    for _ in range(100):
        dense = MASK
        sparse = 0
        for _ in range(generator.randint(0, 4)):
            dense &= ~(1 << generator.randrange(WIDTH))
            sparse |= 1 << generator.randrange(WIDTH)
        await check(dut, dense & MASK)
        await check(dut, sparse)
