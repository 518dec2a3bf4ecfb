"""Tests for relu: every lane value in every lane position, lane independence and seeded random
words, checked against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle, to_signed

LANES = 4
MASK = (1 << (8 * LANES)) - 1


def model(x: int) -> int:
    y = 0
    for lane in range(LANES):
        value = to_signed(x >> (8 * lane), 8)
        y |= (max(value, 0) & 0xFF) << (8 * lane)
    return y


def lanes_of(word: int) -> list[int]:
    return [to_signed(word >> (8 * lane), 8) for lane in range(LANES)]


async def check(dut, x: int) -> None:
    dut.x.value = x
    await settle()
    expected = model(x)
    got = read_int(dut.y)
    assert got == expected, (
        f"x=0x{x:08x} (lanes {lanes_of(x)}): got y=0x{got:08x} (lanes {lanes_of(got)}), "
        f"expected y=0x{expected:08x} (lanes {lanes_of(expected)})"
    )


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def every_value_every_lane(dut):
    # Each 8-bit value in each lane, with the other lanes holding a rotating mix of values.
    fillers = [0x00, 0x7F, 0x80, 0xFF, 0x01, 0x81]
    for value in range(256):
        for lane in range(LANES):
            filler = fillers[(value + lane) % len(fillers)]
            word = 0
            for other in range(LANES):
                word |= (value if other == lane else filler) << (8 * other)
            await check(dut, word)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def corner_words(dut):
    words = [0x00000000, 0xFFFFFFFF, 0x80808080, 0x7F7F7F7F, 0x01010101, 0x807F0180,
             0x7F80FF00, 0x00FF00FF, 0xFF00FF00, 0x12345678, 0x89ABCDEF, 0x80000000,
             0x00000080, 0x00008000, 0x00800000]
    for word in words:
        await check(dut, word & MASK)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_words(dut):
    generator = rng()
    for _ in range(500):
        await check(dut, generator.getrandbits(8 * LANES))
