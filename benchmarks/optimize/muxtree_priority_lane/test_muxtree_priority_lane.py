"""Tests for muxtree_priority_lane: no valid lane, each lane valid alone, each lane the lowest of
several, all valid, then random valid patterns with random data, against a Python model."""

import cocotb

from workbench.tb import pack, read_int, rng, settle

LANES = 16


async def check(dut, valid: int, words: list[int]) -> None:
    dut.valid.value = valid
    dut.lane_data.value = pack(words, 8)
    await settle()
    winner = next((i for i in range(LANES) if valid >> i & 1), None)
    expected = (0, 0, 0) if winner is None else (1, winner, words[winner])
    got = (read_int(dut.found), read_int(dut.lane), read_int(dut.data))
    assert got == expected, (f"valid={valid:016b} lane_data={[hex(w) for w in words]}: "
                             f"got (found, lane, data)={got}, expected {expected}")


def distinct_words(generator) -> list[int]:
    return generator.sample(range(1, 256), LANES)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def none_and_single_lanes(dut):
    generator = rng()
    await check(dut, 0, distinct_words(generator))
    await check(dut, 0, [0xFF] * LANES)
    for lane in range(LANES):
        await check(dut, 1 << lane, distinct_words(generator))
        await check(dut, 1 << lane, [0xFF if i == lane else 0 for i in range(LANES)])


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def lowest_of_several(dut):
    generator = rng()
    for lane in range(LANES):
        above = ((1 << LANES) - 1) & ~((1 << (lane + 1)) - 1)
        await check(dut, (1 << lane) | above, distinct_words(generator))              # all lanes above too
        await check(dut, (1 << lane) | (1 << (LANES - 1)), distinct_words(generator))  # and the last one
        await check(dut, (1 << lane) | (above & 0xAAAA), distinct_words(generator))
    await check(dut, (1 << LANES) - 1, distinct_words(generator))


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_patterns(dut):
    generator = rng()
    for _ in range(800):
        # sparse patterns too, so that high lanes win often
        valid = generator.getrandbits(LANES)
        for _ in range(generator.randint(0, 3)):
            valid &= generator.getrandbits(LANES)
        await check(dut, valid, [generator.randint(0, 255) for _ in range(LANES)])
