"""Tests for pwl_sigmoid: every input around each segment boundary and rounding step, the
extremes, a strided sweep of the whole input range and seeded random inputs, checked against the
bit-exact Python model from the specification."""

import cocotb

from workbench.tb import read_int, rng, settle

MIN, MAX = -32768, 32767


def upper_half(a: int) -> int:
    if a < 4096:
        return 128 + (a + 32) // 64
    if a < 8192:
        return 160 + (a + 64) // 128
    if a < 16384:
        return 192 + (a + 128) // 256
    return 256


def model(x: int) -> int:
    p = upper_half(abs(x))
    return min(p, 255) if x >= 0 else 256 - p


async def check(dut, x: int) -> None:
    dut.x.value = x
    await settle()
    expected = model(x)
    got = read_int(dut.y)
    assert got == expected, (
        f"x={x} ({x / 4096:+.6f}): got y={got} ({got / 256:.6f}), "
        f"expected y={expected} ({expected / 256:.6f})"
    )


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def segment_boundaries(dut):
    points = [0, 4096, 8192, 16384, 16256, 16255, 16383, 32767, 32768]
    for point in points:
        for delta in range(-3, 4):
            a = point + delta
            for x in (a, -a):
                if MIN <= x <= MAX:
                    await check(dut, x)
    await check(dut, MIN)
    await check(dut, MIN + 1)
    await check(dut, MAX)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def rounding_steps(dut):
    # Around every rounding threshold of each segment: a + half is a multiple of the step.
    for step, half, low, high in ((64, 32, 0, 4096), (128, 64, 4096, 8192),
                                  (256, 128, 8192, 16384)):
        for threshold in range(low - half, high, step * 3):
            for a in (threshold - 1, threshold, threshold + 1):
                if low <= a < high:
                    await check(dut, a)
                    await check(dut, -a)


@cocotb.test(timeout_time=3, timeout_unit="ms")
async def sweep(dut):
    for x in range(MIN, MAX + 1, 97):
        await check(dut, x)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_inputs(dut):
    generator = rng()
    for _ in range(300):
        await check(dut, generator.randint(MIN, MAX))
    for _ in range(300):
        await check(dut, generator.randint(-17000, 17000))
