"""Tests for abs_diff: corner operands, an exhaustive sweep of small/edge values and seeded random
operands, checked against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 8
MAX = (1 << WIDTH) - 1


def model(a: int, b: int) -> tuple[int, int]:
    return abs(a - b), int(a < b)


async def check(dut, a: int, b: int) -> None:
    dut.a.value = a
    dut.b.value = b
    await settle()
    expected = model(a, b)
    got = (read_int(dut.diff), read_int(dut.a_lt_b))
    assert got == expected, (
        f"a={a} b={b}: got diff={got[0]} a_lt_b={got[1]}, "
        f"expected diff={expected[0]} a_lt_b={expected[1]}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def corners(dut):
    values = [0, 1, 2, 0x7E, 0x7F, 0x80, 0x81, MAX - 1, MAX]
    for a in values:
        for b in values:
            await check(dut, a, b)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def equal_operands(dut):
    generator = rng()
    for value in [0, 1, 0x7F, 0x80, MAX] + [generator.randint(0, MAX) for _ in range(20)]:
        await check(dut, value, value)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def neighbours(dut):
    # Differences of exactly one in both directions, across the whole range.
    for value in range(0, MAX, 7):
        await check(dut, value, value + 1)
        await check(dut, value + 1, value)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_operands(dut):
    generator = rng()
    for _ in range(400):
        await check(dut, generator.randint(0, MAX), generator.randint(0, MAX))
