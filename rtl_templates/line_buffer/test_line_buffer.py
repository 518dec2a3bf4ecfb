"""cocotb tests for line_buffer.

A Python model keeps every row of the current frame. Each cycle the bench drives in_valid,
in_sof and in_pixel on the falling edge and checks the registered outputs produced by the
previous cycle: out_valid, and while valid the K stacked pixels (rows above the frame read as 0),
out_col and out_primed; while not valid the data outputs must hold their last value.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class LineBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.img_width = int(dut.IMG_WIDTH.value)
        self.pw = int(dut.PIXEL_WIDTH.value)
        self.k = int(dut.K.value)
        self.gen = rng()
        self.new_frame()
        self.expected = None        # (valid, pixels, col, primed) expected after the next edge
        self.last = None            # last valid output, must be held while out_valid is 0
        self.outputs = 0
        self.primed_outputs = 0

    def new_frame(self) -> None:
        self.rows: list[list[int]] = [[]]

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.in_valid.value = 1          # ignored during reset
        dut.in_sof.value = 0
        dut.in_pixel.value = 0
        await reset(dut, cycles=3)
        dut.in_valid.value = 0
        self.expected = (0, 0, 0, 0)
        self.last = (0, 0, 0)

    def column(self, row: int, col: int) -> int:
        packed = 0
        for i in range(self.k):
            value = self.rows[row - i][col] if row - i >= 0 else 0
            packed |= value << (i * self.pw)
        return packed

    def describe(self, packed: int) -> list[int]:
        return [(packed >> (i * self.pw)) & ((1 << self.pw) - 1) for i in range(self.k)]

    async def cycle(self, valid: int = 0, pixel: int = 0, sof: int = 0, rst_n: int = 1) -> None:
        dut = self.dut
        dut.in_valid.value = valid
        dut.in_sof.value = sof
        dut.in_pixel.value = pixel
        dut.rst_n.value = rst_n
        await settle()
        # Outputs registered at the previous edge.
        got_valid = read_int(dut.out_valid)
        got = (read_int(dut.out_pixels), read_int(dut.out_col), read_int(dut.out_primed))
        want_valid = self.expected[0]
        assert got_valid == want_valid, f"out_valid={got_valid}, expected {want_valid}"
        want = self.expected[1:] if want_valid else self.last
        assert got == want, (
            f"{'valid output' if want_valid else 'held output'}: pixels(row r..r-K+1)="
            f"{self.describe(got[0])} col={got[1]} primed={got[2]}, expected "
            f"{self.describe(want[0])} col={want[1]} primed={want[2]}")
        if want_valid:
            self.last = want
            self.outputs += 1
            self.primed_outputs += want[2]
        # Model of this edge.
        if not rst_n:
            self.new_frame()
            self.expected = (0, 0, 0, 0)
            self.last = (0, 0, 0)
        elif valid:
            if sof:
                self.new_frame()
            if len(self.rows[-1]) == self.img_width:
                self.rows.append([])
            row, col = len(self.rows) - 1, len(self.rows[-1])
            self.rows[-1].append(pixel)
            self.expected = (1, self.column(row, col), col, int(row >= self.k - 1))
        else:
            self.expected = (0,) + self.last
        await FallingEdge(dut.clk)

    async def stream(self, pixels: int, p_valid: float, p_sof: float = 0.0) -> None:
        sent = 0
        while sent < pixels:
            valid = int(self.gen.random() < p_valid)
            sof = int(self.gen.random() < p_sof)
            await self.cycle(valid, self.gen.getrandbits(self.pw), sof)
            sent += valid

    async def flush(self) -> None:
        await self.cycle()
        await self.cycle()


@cocotb.test(timeout_time=500, timeout_unit="us")
async def full_rate_frames(dut):
    """Back-to-back pixels, several rows, then a second frame started with in_sof."""
    bench = LineBench(dut)
    await bench.start()
    rows = bench.k + 3
    await bench.stream(rows * bench.img_width, 1.0)
    await bench.cycle(1, bench.gen.getrandbits(bench.pw), sof=1)
    await bench.stream((bench.k + 1) * bench.img_width - 1, 1.0)
    await bench.flush()
    assert bench.primed_outputs >= 4 * bench.img_width


@cocotb.test(timeout_time=500, timeout_unit="us")
async def gaps_in_stream(dut):
    """Random in_valid gaps (held outputs checked) over a tall frame."""
    bench = LineBench(dut)
    await bench.start()
    await bench.stream((bench.k + 4) * bench.img_width, 0.6)
    await bench.flush()


@cocotb.test(timeout_time=500, timeout_unit="us")
async def restart_mid_row(dut):
    """in_sof in the middle of a row: stale rows of the previous frame must read as 0."""
    bench = LineBench(dut)
    await bench.start()
    # Extreme pixel values so stale data would be visible.
    for _ in range((bench.k + 1) * bench.img_width):
        await bench.cycle(1, (1 << bench.pw) - 1)
    await bench.stream(bench.img_width // 2 + 1, 0.8)
    await bench.cycle(1, 1, sof=1)
    await bench.stream(bench.k * bench.img_width + 3, 0.9)
    await bench.cycle(0, 0, sof=1)                # in_sof without in_valid is ignored
    await bench.stream(2 * bench.img_width, 0.9)
    # Random frame restarts.
    await bench.stream(6 * bench.img_width, 0.8, p_sof=0.02)
    await bench.flush()


@cocotb.test(timeout_time=500, timeout_unit="us")
async def reset_mid_run(dut):
    """Synchronous reset mid-row: outputs cleared, next pixel is (row 0, col 0)."""
    bench = LineBench(dut)
    await bench.start()
    await bench.stream(bench.k * bench.img_width + bench.img_width // 2, 1.0)
    await bench.cycle(1, 0x5 % (1 << bench.pw), rst_n=0)
    await bench.cycle(0, rst_n=0)
    await bench.stream((bench.k + 1) * bench.img_width, 0.9)
    await bench.flush()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "in_sof", "in_pixel"),
        outputs=("out_valid", "out_pixels", "out_col", "out_primed"))
