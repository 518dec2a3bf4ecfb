"""Tests for priority_encoder: all one-hot and one-cold vectors, nested prefixes, and seeded random
vectors with controlled sparsity, checked against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

WIDTH = 16
MASK = (1 << WIDTH) - 1


def model(req: int) -> tuple[int, int]:
    if req == 0:
        return 0, 0
    return (req & -req).bit_length() - 1, 1


async def check(dut, req: int) -> None:
    dut.req.value = req
    await settle()
    expected = model(req)
    got = (read_int(dut.index), read_int(dut.valid))
    assert got == expected, (
        f"req=0x{req:04x}: got index={got[0]} valid={got[1]}, "
        f"expected index={expected[0]} valid={expected[1]}"
    )


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def no_request(dut):
    await check(dut, 0)
    await check(dut, MASK)
    await check(dut, 0)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def one_hot(dut):
    for i in range(WIDTH):
        await check(dut, 1 << i)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def one_cold_and_prefixes(dut):
    for i in range(WIDTH):
        await check(dut, MASK & ~(1 << i))      # every bit except i
        await check(dut, MASK & ~((1 << i) - 1))  # bits i .. WIDTH-1
        await check(dut, (1 << (i + 1)) - 1)     # bits 0 .. i
        await check(dut, (1 << i) | (1 << (WIDTH - 1)))  # bit i and the top bit


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(400):
        value = generator.randint(0, MASK)
        # Clear a random number of low bits so that every winning position is exercised often.
        value &= MASK << generator.randint(0, WIDTH)
        await check(dut, value & MASK)
