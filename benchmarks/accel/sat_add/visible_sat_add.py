"""Visible tests for sat_add: the worked examples of the specification, nothing more. A model
repairing its design may see these results; the grading tests stay hidden."""

import cocotb

from workbench.tb import read_int, settle

EXAMPLES = [(100, 20, 120, 0), (100, 50, 127, 1), (-100, -50, -128, 1)]


@cocotb.test(timeout_time=1, timeout_unit="us")
async def specification_examples(dut):
    for a, b, expected_sum, expected_overflow in EXAMPLES:
        dut.a.value = a
        dut.b.value = b
        await settle()
        got = (read_int(dut.sum, signed=True), read_int(dut.overflow))
        assert got == (expected_sum, expected_overflow), (
            f"a={a} b={b}: got sum={got[0]} overflow={got[1]}, "
            f"expected sum={expected_sum} overflow={expected_overflow}")
