"""Tests for mux_before_multiply: corners of both operands for each selection, then random vectors."""

import cocotb
from cocotb.triggers import Timer

from workbench.tb import read_int, rng

MAX = (1 << 8) - 1


async def check(dut, a: int, b: int, use_b: int, coeff: int) -> None:
    dut.sample_a.value, dut.sample_b.value, dut.use_b.value, dut.coeff.value = a, b, use_b, coeff
    await Timer(1, "ns")
    expected = (b if use_b else a) * coeff
    got = read_int(dut.product)
    assert got == expected, f"a={a} b={b} use_b={use_b} coeff={coeff}: got product={got}, expected {expected}"


@cocotb.test()
async def corners_for_each_selection(dut):
    for use_b in (0, 1):
        for a, b in ((0, MAX), (MAX, 0), (1, 2), (MAX, MAX), (0x80, 0x7F)):
            for coeff in (0, 1, MAX, 0x80):
                await check(dut, a, b, use_b, coeff)


@cocotb.test()
async def random_vectors(dut):
    random = rng()
    for _ in range(400):
        await check(dut, random.randrange(MAX + 1), random.randrange(MAX + 1), random.randrange(2),
                    random.randrange(MAX + 1))
