"""Tests for lzc_serial_scan: a leading one at every position with empty, full and random tails,
zero and all ones, then random words of every magnitude."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 32


def leading_zeros(value: int) -> int:
    return WIDTH - value.bit_length()


async def check(dut, value: int) -> None:
    dut.value.value = value
    await settle()
    got = read_int(dut.zeros)
    assert got == leading_zeros(value), f"value={value:#010x}: got zeros={got}, expected {leading_zeros(value)}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def leading_one_at_every_position(dut):
    generator = rng()
    for position in range(WIDTH):
        below = (1 << position) - 1
        for tail in (0, below, generator.getrandbits(WIDTH) & below, 1 if position else 0):
            await check(dut, (1 << position) | tail)
    await check(dut, 0)
    await check(dut, (1 << WIDTH) - 1)


@cocotb.test(timeout_time=5, timeout_unit="ms")
async def random_words_of_every_magnitude(dut):
    generator = rng()
    for _ in range(1500):
        bits = generator.randint(0, WIDTH)
        await check(dut, generator.getrandbits(bits) if bits else 0)
