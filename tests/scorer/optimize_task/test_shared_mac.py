"""A few fixed vectors (deliberately few: see task.toml)."""

import cocotb
from cocotb.triggers import Timer

from workbench.tb import read_int

VECTORS = [(0, 0, 0), (1, 2, 3), (15, 15, 15), (7, 8, 1), (3, 0, 9), (12, 5, 10)]


@cocotb.test()
async def fixed_vectors(dut):
    for a, b, c in VECTORS:
        dut.a.value, dut.b.value, dut.c.value = a, b, c
        await Timer(1, "ns")
        expected = (a * b + a * c) & 0xFF
        got = read_int(dut.y)
        assert got == expected, f"a={a} b={b} c={c}: got y={got}, expected {expected}"
