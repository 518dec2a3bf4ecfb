"""Tests for redundant_box_sums: one pixel set at a time (which windows see it), all-maximum and
alternating rows, ramps, then random rows, against a Python model."""

import cocotb

from workbench.tb import pack, read_int, rng, settle, unpack

PIXELS = 8
OUTPUTS = 4
TAPS = 5
MAX = 255


async def check(dut, row: list[int]) -> None:
    dut.pixels.value = pack(row, 8)
    await settle()
    expected = [sum(row[j:j + TAPS]) for j in range(OUTPUTS)]
    got = unpack(read_int(dut.sums), 11, OUTPUTS)
    assert got == expected, f"pixels={row}: got sums={got}, expected {expected}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def one_pixel_at_a_time(dut):
    # A single non-zero pixel must reach exactly the windows that cover it.
    for position in range(PIXELS):
        for value in (1, 0x80, MAX):
            row = [0] * PIXELS
            row[position] = value
            await check(dut, row)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def full_and_patterned_rows(dut):
    await check(dut, [0] * PIXELS)
    await check(dut, [MAX] * PIXELS)                  # every sum is 1275, the top of 11 bits' use
    await check(dut, [MAX, 0] * (PIXELS // 2))
    await check(dut, [0, MAX] * (PIXELS // 2))
    await check(dut, list(range(0, 8 * 31, 31)))      # ramp up
    await check(dut, list(range(MAX, MAX - 8 * 31, -31)))
    for hole in range(PIXELS):                        # all maximum except one pixel
        row = [MAX] * PIXELS
        row[hole] = 0
        await check(dut, row)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_rows(dut):
    generator = rng()
    for _ in range(800):
        await check(dut, [generator.randint(0, MAX) for _ in range(PIXELS)])
