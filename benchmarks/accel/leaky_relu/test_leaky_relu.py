"""Tests for leaky_relu: small and extreme values under every shift amount, and seeded random
values, checked against a Python model (floor division by a power of two)."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
MAX = (1 << (WIDTH - 1)) - 1
MIN = -(1 << (WIDTH - 1))


def model(x: int, shift: int) -> int:
    return x if x >= 0 else x >> shift  # Python's >> on ints floors, like an arithmetic shift


async def check(dut, x: int, shift: int) -> None:
    dut.x.value = x
    dut.shift.value = shift
    await settle()
    expected = model(x, shift)
    got = read_int(dut.y, signed=True)
    assert got == expected, f"x={x} shift={shift}: got y={got}, expected y={expected}"


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def small_values_every_shift(dut):
    for shift in range(8):
        for x in range(-70, 70):
            await check(dut, x, shift)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def extremes_every_shift(dut):
    values = [MIN, MIN + 1, MIN + 127, -256, -255, -129, -128, 127, 128, 255, 256,
              MAX - 1, MAX, 0x4000, -0x4000, -0x4001]
    for shift in range(8):
        for x in values:
            await check(dut, x, shift)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_values(dut):
    generator = rng()
    for _ in range(500):
        await check(dut, generator.randint(MIN, MAX), generator.randint(0, 7))
