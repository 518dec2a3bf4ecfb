"""Tests for argmax: single-maximum positions, ties, sign corners and seeded random vectors,
checked against a Python model (first maximum wins)."""

import cocotb

from workbench.tb import read_int, rng, settle

N = 8
WIDTH = 8
MAX = (1 << (WIDTH - 1)) - 1
MIN = -(1 << (WIDTH - 1))


def model(elements: list[int]) -> tuple[int, int]:
    best = max(elements)
    return elements.index(best), best


def pack(elements: list[int]) -> int:
    word = 0
    for i, value in enumerate(elements):
        word |= (value & ((1 << WIDTH) - 1)) << (WIDTH * i)
    return word


async def check(dut, elements: list[int]) -> None:
    dut.values.value = pack(elements)
    await settle()
    expected = model(elements)
    got = (read_int(dut.index), read_int(dut.max_value, signed=True))
    assert got == expected, (
        f"elements={elements} (index 0 first): got index={got[0]} max_value={got[1]}, "
        f"expected index={expected[0]} max_value={expected[1]}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def single_maximum_each_position(dut):
    for background, peak in ((MIN, MAX), (MIN, MIN + 1), (-1, 0), (0, 1), (-100, -99),
                             (MAX - 1, MAX), (-1, MAX), (MIN, -1), (0, MAX), (-2, -1)):
        for position in range(N):
            elements = [background] * N
            elements[position] = peak
            await check(dut, elements)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def ties_first_wins(dut):
    generator = rng()
    for value in (MIN, -1, 0, 1, MAX):
        await check(dut, [value] * N)
    for first in range(N):
        for second in range(first + 1, N):
            peak = generator.choice([MIN + 1, -50, -1, 0, 42, MAX])
            elements = [generator.randint(MIN, peak - 1) for _ in range(N)]
            elements[first] = peak
            elements[second] = peak
            await check(dut, elements)
    for _ in range(100):
        peak = generator.randint(MIN + 1, MAX)
        elements = [generator.choice([peak, generator.randint(MIN, peak - 1)]) for _ in range(N)]
        if peak not in elements:
            elements[generator.randrange(N)] = peak
        await check(dut, elements)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def sign_corners(dut):
    # Negative values must lose against non-negative ones (signed comparison).
    await check(dut, [MIN, -1, MIN, -1, MIN, -1, MIN, 0])
    await check(dut, [-1, -1, -1, 0, -1, -1, -1, -1])
    await check(dut, [MIN, MIN, MIN, MIN, MIN, MIN, MIN, MAX])
    await check(dut, [MAX, MIN, -1, -1, -1, -1, -1, -1])
    await check(dut, [-5, -3, -7, -3, -128, -4, -100, -9])
    await check(dut, [MIN] * (N - 1) + [MIN + 1])
    await check(dut, [1, 2, 3, 4, 5, 6, 7, 8])
    await check(dut, [8, 7, 6, 5, 4, 3, 2, 1])


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(300):
        await check(dut, [generator.randint(MIN, MAX) for _ in range(N)])
    for _ in range(200):
        # Narrow ranges make ties and sign-boundary comparisons frequent.
        low = generator.randint(MIN, MAX - 4)
        await check(dut, [generator.randint(low, low + 4) for _ in range(N)])
