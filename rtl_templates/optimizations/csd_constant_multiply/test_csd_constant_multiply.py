"""Tests for csd_constant_multiply: every input value (there are only 256)."""

import cocotb
from cocotb.triggers import Timer

from workbench.tb import read_int

GAIN = 119


@cocotb.test()
async def every_input(dut):
    for x in range(256):
        dut.x.value = x
        await Timer(1, "ns")
        got = read_int(dut.y)
        assert got == GAIN * x, f"x={x}: got y={got}, expected {GAIN * x}"
