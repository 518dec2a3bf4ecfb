"""Tests for sat_add: exhaustive corners plus seeded random operands against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 8
MAX = (1 << (WIDTH - 1)) - 1
MIN = -(1 << (WIDTH - 1))


def model(a: int, b: int) -> tuple[int, int]:
    exact = a + b
    if exact > MAX:
        return MAX, 1
    if exact < MIN:
        return MIN, 1
    return exact, 0


async def check(dut, a: int, b: int) -> None:
    dut.a.value = a
    dut.b.value = b
    await settle()
    expected_sum, expected_overflow = model(a, b)
    got_sum = read_int(dut.sum, signed=True)
    got_overflow = read_int(dut.overflow)
    assert (got_sum, got_overflow) == (expected_sum, expected_overflow), (
        f"a={a} b={b}: got sum={got_sum} overflow={got_overflow}, "
        f"expected sum={expected_sum} overflow={expected_overflow}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def corners(dut):
    values = [MIN, MIN + 1, -1, 0, 1, MAX - 1, MAX]
    for a in values:
        for b in values:
            await check(dut, a, b)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def random_operands(dut):
    generator = rng()
    for _ in range(300):
        await check(dut, generator.randint(MIN, MAX), generator.randint(MIN, MAX))
