"""Tests for barrel_shifter: every mode and distance on edge patterns, then seeded random words."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
MASK = (1 << WIDTH) - 1
MODE_NAMES = {0: "sll", 1: "srl", 2: "sra", 3: "rol"}


def model(data: int, shamt: int, mode: int) -> int:
    if mode == 0:
        return (data << shamt) & MASK
    if mode == 1:
        return data >> shamt
    if mode == 2:
        signed = data - (1 << WIDTH) if data >> (WIDTH - 1) else data
        return (signed >> shamt) & MASK
    return ((data << shamt) | (data >> (WIDTH - shamt))) & MASK


async def check(dut, data: int, shamt: int, mode: int) -> None:
    dut.data_in.value = data
    dut.shamt.value = shamt
    dut.mode.value = mode
    await settle()
    expected = model(data, shamt, mode)
    got = read_int(dut.data_out)
    assert got == expected, (
        f"data_in=0x{data:04x} shamt={shamt} mode={mode} ({MODE_NAMES[mode]}): "
        f"got 0x{got:04x}, expected 0x{expected:04x}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def every_mode_and_distance(dut):
    patterns = [0x0000, 0xFFFF, 0x0001, 0x8000, 0x8001, 0x7FFF, 0xA5C3, 0x1234, 0xF0F0, 0x4000]
    for mode in range(4):
        for shamt in range(WIDTH):
            for data in patterns:
                await check(dut, data, shamt, mode)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def single_bits_walk(dut):
    for mode in range(4):
        for bit in range(WIDTH):
            for shamt in range(WIDTH):
                await check(dut, 1 << bit, shamt, mode)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def random_words(dut):
    generator = rng()
    for _ in range(600):
        await check(dut, generator.getrandbits(WIDTH), generator.randrange(WIDTH), generator.randrange(4))
