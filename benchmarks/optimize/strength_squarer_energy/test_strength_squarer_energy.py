"""Tests for strength_squarer_energy: every value of one pixel with the other at corners (so every
square is seen), powers of two and all-ones patterns, then random pairs, against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

MAX = 255


async def check(dut, a: int, b: int) -> None:
    dut.pixel_a.value, dut.pixel_b.value = a, b
    await settle()
    expected = a * a + b * b
    got = read_int(dut.sum_of_squares)
    assert got == expected, f"pixel_a={a} pixel_b={b}: got sum_of_squares={got}, expected {expected}"


@cocotb.test(timeout_time=4, timeout_unit="ms")
async def every_square(dut):
    for value in range(MAX + 1):
        await check(dut, value, 0)
        await check(dut, 0, value)
        await check(dut, value, MAX)
        await check(dut, MAX - value, value)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def bit_patterns(dut):
    patterns = [1 << k for k in range(8)] + [(1 << k) - 1 for k in range(1, 9)] + [0xAA, 0x55, 0x81, 0x7E]
    for a in patterns:
        for b in patterns:
            await check(dut, a, b)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_pairs(dut):
    generator = rng()
    for _ in range(800):
        await check(dut, generator.randint(0, MAX), generator.randint(0, MAX))
