"""Tests for clamp: bound corners, values at and next to the bounds, empty ranges and seeded
random operands, checked against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
MAX = (1 << (WIDTH - 1)) - 1
MIN = -(1 << (WIDTH - 1))


def model(x: int, lo: int, hi: int) -> tuple[int, int]:
    y = max(lo, min(x, hi))
    return y, int(y != x)


async def check(dut, x: int, lo: int, hi: int) -> None:
    dut.x.value = x
    dut.lo.value = lo
    dut.hi.value = hi
    await settle()
    expected = model(x, lo, hi)
    got = (read_int(dut.y, signed=True), read_int(dut.clamped))
    assert got == expected, (
        f"x={x} lo={lo} hi={hi}: got y={got[0]} clamped={got[1]}, "
        f"expected y={expected[0]} clamped={expected[1]}"
    )


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def corners(dut):
    values = [MIN, MIN + 1, -300, -1, 0, 1, 255, 256, MAX - 1, MAX]
    for x in values:
        for lo in values:
            for hi in values:
                if lo <= hi:
                    await check(dut, x, lo, hi)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def at_and_next_to_bounds(dut):
    generator = rng()
    for _ in range(60):
        lo = generator.randint(MIN + 1, MAX - 1)
        hi = generator.randint(lo, MAX - 1)
        for x in (lo - 1, lo, lo + 1, hi - 1, hi, hi + 1):
            await check(dut, x, lo, hi)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def empty_range_lower_bound_wins(dut):
    generator = rng()
    cases = [(0, 1, 0), (1, 1, 0), (-1, 1, 0), (MIN, MAX, MIN), (MAX, MAX, MIN), (0, MAX, MIN),
             (MIN, 0, -1), (-5, 10, -10), (10, 10, -10), (-10, 10, -10), (20, 10, -10)]
    for x, lo, hi in cases:
        await check(dut, x, lo, hi)
    for _ in range(100):
        hi = generator.randint(MIN, MAX - 1)
        lo = generator.randint(hi + 1, MAX)
        x = generator.choice([lo, hi, generator.randint(MIN, MAX)])
        await check(dut, x, lo, hi)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_operands(dut):
    generator = rng()
    for _ in range(400):
        a, b = generator.randint(MIN, MAX), generator.randint(MIN, MAX)
        lo, hi = min(a, b), max(a, b)
        await check(dut, generator.randint(MIN, MAX), lo, hi)
