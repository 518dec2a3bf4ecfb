"""Tests for muxtree_pwl_segment: every input value with a table of distinct entries (so a wrong
segment shows), segment edges with extreme entries, then random tables and inputs, against a
Python model."""

import cocotb

from workbench.tb import pack, read_int, rng, settle

SEGMENTS = 16


async def check(dut, x: int, offsets: list[int], slopes: list[int]) -> None:
    dut.x.value = x
    dut.offsets.value = pack(offsets, 8)
    dut.slopes.value = pack(slopes, 4)
    await settle()
    segment, position = (x + 128) // 16, (x + 128) % 16
    expected = offsets[segment] + slopes[segment] * position
    got = read_int(dut.y)
    assert got == expected, (f"x={x} (segment {segment}, position {position}) offsets={offsets} "
                             f"slopes={slopes}: got y={got}, expected {expected}")


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def every_input_with_distinct_entries(dut):
    generator = rng()
    offsets = generator.sample(range(256), SEGMENTS)
    slopes = generator.sample(range(16), SEGMENTS)
    for x in range(-128, 128):
        await check(dut, x, offsets, slopes)
    # the same with the entries in reverse order, so each entry meets other inputs
    for x in range(-128, 128):
        await check(dut, x, offsets[::-1], slopes[::-1])


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def segment_edges_and_extremes(dut):
    for segment in range(SEGMENTS):
        first = -128 + 16 * segment
        for x in (first, first + 1, first + 15):
            await check(dut, x, [255] * SEGMENTS, [15] * SEGMENTS)         # the largest y, 480
            await check(dut, x, [0] * SEGMENTS, [15] * SEGMENTS)
            only = [0] * SEGMENTS
            only[segment] = 200
            await check(dut, x, only, [segment] * SEGMENTS)
            steep = [1] * SEGMENTS
            steep[segment] = 15
            await check(dut, x, [7] * SEGMENTS, steep)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_tables(dut):
    generator = rng()
    for _ in range(800):
        offsets = [generator.randint(0, 255) for _ in range(SEGMENTS)]
        slopes = [generator.randint(0, 15) for _ in range(SEGMENTS)]
        await check(dut, generator.randint(-128, 127), offsets, slopes)
