"""Tests for redundant_sad4: each lane alone in both directions, equal blocks, extreme blocks, then
random blocks, against a Python model."""

import cocotb

from workbench.tb import pack, read_int, rng, settle

LANES = 4
MAX = 255


async def check(dut, current: list[int], candidate: list[int]) -> None:
    dut.current.value = pack(current, 8)
    dut.candidate.value = pack(candidate, 8)
    await settle()
    expected = sum(abs(c - k) for c, k in zip(current, candidate, strict=True))
    got = read_int(dut.sad)
    assert got == expected, f"current={current} candidate={candidate}: got sad={got}, expected {expected}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def one_lane_at_a_time(dut):
    # A difference in one lane only, in both directions, so a lane that drops or flips a sign shows.
    for lane in range(LANES):
        for c, k in ((1, 0), (0, 1), (MAX, 0), (0, MAX), (0x80, 0x7F), (0x7F, 0x80), (200, 13), (13, 200)):
            current, candidate = [50] * LANES, [50] * LANES
            current[lane], candidate[lane] = c, k
            await check(dut, current, candidate)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def equal_and_extreme_blocks(dut):
    generator = rng()
    for value in (0, 1, 0x80, MAX):
        await check(dut, [value] * LANES, [value] * LANES)
    block = [generator.randint(0, MAX) for _ in range(LANES)]
    await check(dut, block, block)
    await check(dut, [MAX] * LANES, [0] * LANES)      # the largest sum, 1020
    await check(dut, [0] * LANES, [MAX] * LANES)
    await check(dut, [MAX, 0, MAX, 0], [0, MAX, 0, MAX])  # mixed signs, still the largest sum
    await check(dut, [0, MAX, 1, MAX - 1], [MAX, 0, MAX - 1, 1])


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_blocks(dut):
    generator = rng()
    for _ in range(600):
        current = [generator.randint(0, MAX) for _ in range(LANES)]
        candidate = [generator.randint(0, MAX) for _ in range(LANES)]
        await check(dut, current, candidate)
    # near-equal blocks: differences of a few steps either way
    for _ in range(200):
        current = [generator.randint(0, MAX) for _ in range(LANES)]
        candidate = [min(MAX, max(0, c + generator.randint(-3, 3))) for c in current]
        await check(dut, current, candidate)
