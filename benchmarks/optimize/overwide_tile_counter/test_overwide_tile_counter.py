"""Tests for overwide_tile_counter: reset values, several full frames with steady stepping, stalls
(step low) anywhere, mid-frame reset, then random stepping over many frames; every output is
compared with a cycle-accurate Python model after every rising edge."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

COLS, ROWS = 5, 3


class Model:
    def __init__(self) -> None:
        self.col, self.row, self.frame_done = 0, 0, 0

    @property
    def last(self) -> int:
        return int(self.col == COLS - 1 and self.row == ROWS - 1)

    def step(self, rst_n: int, step: int) -> None:
        if not rst_n:
            self.col, self.row, self.frame_done = 0, 0, 0
            return
        self.frame_done = int(step and self.last)
        if step:
            if self.col == COLS - 1:
                self.col, self.row = 0, (self.row + 1) % ROWS
            else:
                self.col += 1

    def outputs(self) -> tuple[int, int, int, int, int]:
        return self.col, self.row, self.row * COLS + self.col, self.last, self.frame_done


class Bench:
    def __init__(self, dut) -> None:
        self.dut, self.model, self.cycles = dut, Model(), 0
        dut.rst_n.value, dut.step.value = 0, 0
        start_clock(dut)

    async def cycle(self, rst_n: int = 1, step: int = 1) -> None:
        self.dut.rst_n.value, self.dut.step.value = rst_n, step
        await FallingEdge(self.dut.clk)
        self.cycles += 1
        self.model.step(rst_n, step)
        dut = self.dut
        got = (read_int(dut.col), read_int(dut.row), read_int(dut.index), read_int(dut.last),
               read_int(dut.frame_done))
        expected = self.model.outputs()
        assert got == expected, (f"cycle {self.cycles}: after rst_n={rst_n} step={step}: got "
                                 f"(col, row, index, last, frame_done)={got}, expected {expected}")

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, step=1)
        await self.cycle(rst_n=0, step=0)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def full_frames(dut):
    bench = Bench(dut)
    await bench.begin()
    for _ in range(4 * COLS * ROWS):
        await bench.cycle(step=1)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def stalls_and_reset(dut):
    bench = Bench(dut)
    await bench.begin()
    for _ in range(COLS * ROWS + 3):        # a stall on every tile, two on the last one
        await bench.cycle(step=0)
        if bench.model.last:
            await bench.cycle(step=0)
        await bench.cycle(step=1)
    for _ in range(7):
        await bench.cycle(step=1)
    await bench.cycle(rst_n=0, step=1)      # reset mid-frame wins over step
    await bench.cycle(step=1)
    while not bench.model.last:
        await bench.cycle(step=1)
    await bench.cycle(rst_n=0, step=1)      # reset on the last tile: no frame_done
    await bench.cycle(step=0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_stepping(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    frames = 0
    for _ in range(3000):
        await bench.cycle(rst_n=int(generator.random() > 0.002), step=int(generator.random() < 0.8))
        frames += bench.model.frame_done
    assert frames > 50, "random stepping completed too few frames (testbench problem)"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("step",),
                                               outputs=("col", "row", "index", "last", "frame_done"))
