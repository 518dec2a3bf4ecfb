import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import read_int, reset, start_clock


@cocotb.test(timeout_time=10, timeout_unit="us")
async def counts_and_wraps(dut):
    start_clock(dut)
    await reset(dut)
    for expected in [*range(1, 16), 0, 1]:
        await FallingEdge(dut.clk)
        assert read_int(dut.count) == expected
