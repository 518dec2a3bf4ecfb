"""Tests for leading_zero_count: every most-significant-one position with random lower bits, the
all-zero input, and seeded random vectors of every magnitude, checked against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 32
MASK = (1 << WIDTH) - 1


def model(data: int) -> tuple[int, int]:
    if data == 0:
        return WIDTH, 1
    return WIDTH - data.bit_length(), 0


async def check(dut, data: int) -> None:
    dut.data.value = data
    await settle()
    expected = model(data)
    got = (read_int(dut.count), read_int(dut.all_zero))
    assert got == expected, (
        f"data=0x{data:08x}: got count={got[0]} all_zero={got[1]}, "
        f"expected count={expected[0]} all_zero={expected[1]}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def zero_and_extremes(dut):
    for data in [0, MASK, 1, 2, 3, 1 << (WIDTH - 1), MASK >> 1, 0x0001_FFFF, 0x8000_0001, 0]:
        await check(dut, data)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def every_position(dut):
    generator = rng()
    for position in range(WIDTH):
        top = 1 << position
        await check(dut, top)                                  # lone one
        await check(dut, top | (top - 1))                      # one followed by all ones
        await check(dut, top | generator.randrange(top))       # one followed by random bits


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(300):
        await check(dut, generator.randint(0, MASK))
    # Random magnitudes so small counts do not dominate.
    for _ in range(300):
        bits = generator.randint(0, WIDTH)
        await check(dut, generator.getrandbits(bits) if bits else 0)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def zero_after_nonzero(dut):
    # The all-zero case must be recognized whatever the previous input was.
    generator = rng()
    for _ in range(20):
        await check(dut, generator.randint(1, MASK))
        await check(dut, 0)
