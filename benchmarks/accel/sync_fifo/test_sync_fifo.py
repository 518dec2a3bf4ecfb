"""Tests for sync_fifo: reset, fill to full and drain to empty, requests at the limits (write when
full, read when empty, simultaneous read and write when full or empty), seeded random traffic in
phases that hit both limits, and reset in mid-run. count, full, empty and (when not empty) the
fall-through rd_data are compared every cycle with a Python model."""

from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

DEPTH = 8
WIDTH = 8


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.fifo: deque[int] = deque()

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.wr_en.value = 1
        dut.wr_data.value = 0xEE
        dut.rd_en.value = 0
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, wr_en: int = 0, wr_data: int = 0, rd_en: int = 0, rst_n: int = 1) -> None:
        dut, fifo = self.dut, self.fifo
        dut.rst_n.value = rst_n
        dut.wr_en.value = wr_en
        dut.wr_data.value = wr_data
        dut.rd_en.value = rd_en
        await settle()
        context = (f"stored={[hex(v) for v in fifo]} inputs rst_n={rst_n} wr_en={wr_en} "
                   f"wr_data={wr_data:#04x} rd_en={rd_en}")
        got = (read_int(dut.count), read_int(dut.full), read_int(dut.empty))
        expected = (len(fifo), int(len(fifo) == DEPTH), int(len(fifo) == 0))
        assert got == expected, (
            f"{context}: got count={got[0]} full={got[1]} empty={got[2]}, "
            f"expected count={expected[0]} full={expected[1]} empty={expected[2]}")
        if fifo:
            got_data = read_int(dut.rd_data)
            assert got_data == fifo[0], f"{context}: got rd_data={got_data:#04x}, expected {fifo[0]:#04x}"
        if not rst_n:
            fifo.clear()
        else:
            do_write = wr_en and len(fifo) < DEPTH
            do_read = rd_en and len(fifo) > 0
            if do_read:
                fifo.popleft()
            if do_write:
                fifo.append(wr_data)
        await FallingEdge(dut.clk)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    # Read when empty is ignored.
    await bench.cycle(rd_en=1)
    for value in (0x11, 0x22, 0x33):
        await bench.cycle(wr_en=1, wr_data=value)
    await bench.cycle(wr_en=1, wr_data=0x44, rst_n=0)
    await bench.cycle()
    await bench.cycle(rd_en=1)
    await bench.cycle(wr_en=1, wr_data=0x55)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def fill_and_drain(dut):
    bench = Bench(dut)
    await bench.start()
    for k in range(DEPTH):
        await bench.cycle(wr_en=1, wr_data=0x10 + k)
    # Writes while full are dropped.
    for value in (0xF0, 0xF1, 0xF2):
        await bench.cycle(wr_en=1, wr_data=value)
    for _ in range(DEPTH + 2):
        await bench.cycle(rd_en=1)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def simultaneous_at_limits(dut):
    bench = Bench(dut)
    await bench.start()
    # Empty: read and write together -> only the write happens, no bypass.
    await bench.cycle(wr_en=1, wr_data=0xA1, rd_en=1)
    await bench.cycle(wr_en=1, wr_data=0xA2, rd_en=1)
    await bench.cycle(rd_en=1)
    await bench.cycle(wr_en=1, wr_data=0xA3, rd_en=1)
    await bench.cycle(rd_en=1)
    for k in range(DEPTH):
        await bench.cycle(wr_en=1, wr_data=0xB0 + k)
    # Full: read and write together -> only the read happens, the offered word is dropped.
    await bench.cycle(wr_en=1, wr_data=0xCC, rd_en=1)
    await bench.cycle(wr_en=1, wr_data=0xCD, rd_en=1)
    await bench.cycle(wr_en=1, wr_data=0xCE)
    await bench.cycle(wr_en=1, wr_data=0xCF, rd_en=1)
    for _ in range(DEPTH + 1):
        await bench.cycle(rd_en=1)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    # Phases bias the occupancy towards full, towards empty, or keep it in the middle.
    for p_write, p_read in ((0.5, 0.5), (0.9, 0.2), (0.9, 0.7), (0.2, 0.9), (0.7, 0.9),
                            (0.95, 0.05), (0.5, 0.5), (0.05, 0.95), (1.0, 1.0), (0.6, 0.6)):
        for _ in range(120):
            await bench.cycle(wr_en=int(generator.random() < p_write),
                              wr_data=generator.randrange(1 << WIDTH),
                              rd_en=int(generator.random() < p_read))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_run(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(5):
        for _ in range(generator.randrange(3, 30)):
            await bench.cycle(wr_en=int(generator.random() < 0.75),
                              wr_data=generator.randrange(1 << WIDTH),
                              rd_en=int(generator.random() < 0.35))
        await bench.cycle(wr_en=1, wr_data=0x99, rd_en=1, rst_n=0)
        await bench.cycle(rd_en=1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("wr_en", "wr_data", "rd_en"),
        outputs=("rd_data", "full", "empty", "count"))
