"""Tests for fxp_mul_round (Q4.12): rounding ties of both signs, products that overflow only after
rounding, saturation corners and seeded random operands, checked against an exact Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
FRAC = 12
MAX = (1 << (WIDTH - 1)) - 1
MIN = -(1 << (WIDTH - 1))
HALF = 1 << (FRAC - 1)


def round_half_away(product: int) -> int:
    if product >= 0:
        return (product + HALF) >> FRAC
    return -((-product + HALF) >> FRAC)


def model(a: int, b: int) -> tuple[int, int]:
    rounded = round_half_away(a * b)
    if rounded > MAX:
        return MAX, 1
    if rounded < MIN:
        return MIN, 1
    return rounded, 0


def edge_pairs(low: int, high: int, negative: bool, count: int) -> list[tuple[int, int]]:
    """Operand pairs whose product magnitude lies in [low, high] (a > 0; b carries the sign)."""
    pairs = []
    limit = -MIN if negative else MAX
    for a in range(1 << FRAC, MAX + 1):
        b = -(-low // a)
        if b <= limit and a * b <= high:
            if negative:
                pairs.append((a, -b))
                if b <= MAX:
                    pairs.append((-b, a))
            else:
                pairs.append((a, b))
                pairs.append((-a, -b))
            if len(pairs) >= 2 * count:
                break
    return pairs


async def check(dut, a: int, b: int) -> None:
    dut.a.value = a
    dut.b.value = b
    await settle()
    expected = model(a, b)
    got = (read_int(dut.result, signed=True), read_int(dut.overflow))
    assert got == expected, (
        f"a={a} ({a / 2**FRAC}) b={b} ({b / 2**FRAC}) exact product={a * b}/2^{2 * FRAC}: "
        f"got result={got[0]} overflow={got[1]}, expected result={expected[0]} overflow={expected[1]}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def rounding_ties(dut):
    # Products whose dropped bits are exactly one half, just below and just above, both signs.
    for a, b in [(1, 2048), (-1, 2048), (1, -2048), (-1, -2048), (3, 2048), (-3, 2048),
                 (1, 2047), (-1, 2047), (1, 2049), (-1, 2049), (5, 2048), (-5, -2048),
                 (7, -2048), (2, 1024), (-2, 1024), (6, 1365), (-6, 1365), (4096, 1), (-4096, 1),
                 (2048, 3), (-2048, 3), (1024, 2), (-1024, 2), (2048, 2048), (-2048, 2048)]:
        await check(dut, a, b)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def small_products(dut):
    # Every small raw operand pair: exercises rounding for all fractional patterns near zero.
    for a in range(-9, 10):
        for b in range(-2100, 2101, 97):
            await check(dut, a, b)
            await check(dut, b, a)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def saturation_corners(dut):
    values = [MIN, MIN + 1, -4096, -1, 0, 1, 4096, MAX - 1, MAX, 8192, -8192, 11585, -11586]
    for a in values:
        for b in values:
            await check(dut, a, b)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def rounding_at_the_limits(dut):
    # Quotient in [32767.5, 32768): only the rounding pushes it out of range.
    for a, b in edge_pairs(MAX * 4096 + HALF, (MAX + 1) * 4096 - 1, False, 6):
        await check(dut, a, b)
    # Quotient in [32767, 32767.5): rounds down to the maximum, no overflow.
    for a, b in edge_pairs(MAX * 4096, MAX * 4096 + HALF - 1, False, 6):
        await check(dut, a, b)
    # Quotient in (-32768.5, -32768]: rounds to the minimum, no overflow.
    for a, b in edge_pairs(-MIN * 4096, -MIN * 4096 + HALF - 1, True, 6):
        await check(dut, a, b)
    # Quotient in (-32769, -32768.5]: rounds past the minimum, overflow.
    for a, b in edge_pairs(-MIN * 4096 + HALF, -MIN * 4096 + 4095, True, 6):
        await check(dut, a, b)


@cocotb.test(timeout_time=3, timeout_unit="ms")
async def random_operands(dut):
    generator = rng()
    for _ in range(300):
        await check(dut, generator.randint(MIN, MAX), generator.randint(MIN, MAX))
    # Magnitudes below 2.0 so most products stay in range and rounding dominates.
    for _ in range(300):
        await check(dut, generator.randint(-8192, 8191), generator.randint(-8192, 8191))
