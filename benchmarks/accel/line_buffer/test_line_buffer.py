"""Tests for line_buffer: reset, a full frame of known pixels, gaps between pixels, start of frame
in the middle of a row, several random frames of different heights with random gaps, and reset in
mid-frame. window_valid is compared every cycle with a Python model, and out_x and out_column
whenever a window is valid."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

IMG_W = 8
PIX_W = 8
PIX_MAX = (1 << PIX_W) - 1


class Model:
    def __init__(self) -> None:
        self.above1: list[int | None] = [None] * IMG_W
        self.above2: list[int | None] = [None] * IMG_W
        self.x = 0
        self.y = 0
        self.window: tuple[int, int] | None = None  # (out_x, out_column) while window_valid

    def step(self, rst_n: int, valid: int, pixel: int, sof: int) -> None:
        if not rst_n:
            self.x, self.y, self.window = 0, 0, None
            return
        if not valid:
            self.window = None
            return
        x, y = (0, 0) if sof else (self.x, self.y)
        if y >= 2:
            column = (self.above2[x] << 2 * PIX_W) | (self.above1[x] << PIX_W) | pixel
            self.window = (x, column)
        else:
            self.window = None
        self.above2[x] = self.above1[x]
        self.above1[x] = pixel
        self.x, self.y = (0, min(y + 1, 2)) if x == IMG_W - 1 else (x + 1, y)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.windows = 0

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.in_pixel.value = 0xAA
        dut.in_sof.value = 0
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, valid: int, pixel: int = 0, sof: int = 0, rst_n: int = 1) -> None:
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.in_pixel.value = pixel
        dut.in_sof.value = sof
        await settle()
        context = (f"next position x={model.x} y={model.y}; inputs rst_n={rst_n} in_valid={valid} "
                   f"in_pixel={pixel:#04x} in_sof={sof}")
        got_valid = read_int(dut.window_valid)
        want_valid = int(model.window is not None)
        assert got_valid == want_valid, f"{context}: got window_valid={got_valid}, expected {want_valid}"
        if model.window is not None:
            got = (read_int(dut.out_x), read_int(dut.out_column))
            want = model.window
            assert got == want, (f"{context}: got out_x={got[0]} out_column={got[1]:#08x}, "
                                 f"expected out_x={want[0]} out_column={want[1]:#08x}")
            self.windows += 1
        model.step(rst_n, valid, pixel, sof)
        await FallingEdge(dut.clk)

    async def pixels(self, values, generator=None, p_gap: float = 0.0, first_sof: bool = False) -> None:
        for index, value in enumerate(values):
            while generator is not None and generator.random() < p_gap:
                await self.cycle(0, generator.randrange(PIX_MAX + 1), generator.randrange(2))
            await self.cycle(1, value, int(first_sof and index == 0))


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    for _ in range(3):
        await bench.cycle(0)
    await bench.pixels(range(2 * IMG_W + 3))
    # Reset in the middle of row 2: counting restarts at row 0, so no window for two whole rows.
    await bench.cycle(1, 0x77, rst_n=0)
    await bench.cycle(0)
    await bench.pixels(range(100, 100 + 3 * IMG_W))
    await bench.cycle(0)
    assert bench.windows == 3 + IMG_W, f"saw {bench.windows} windows"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def known_frame(dut):
    bench = Bench(dut)
    await bench.start()
    rows = 5
    frame = [(16 * y + x) & PIX_MAX for y in range(rows) for x in range(IMG_W)]
    await bench.pixels(frame, first_sof=True)
    await bench.cycle(0)
    assert bench.windows == (rows - 2) * IMG_W, f"saw {bench.windows} windows"


@cocotb.test(timeout_time=50, timeout_unit="us")
async def gaps(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    frame = [generator.randrange(PIX_MAX + 1) for _ in range(6 * IMG_W)]
    await bench.pixels(frame, generator, p_gap=0.5)
    await bench.cycle(0)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def sof_restarts(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()

    def rand_pixels(count: int) -> list[int]:
        return [generator.randrange(PIX_MAX + 1) for _ in range(count)]

    await bench.pixels(rand_pixels(3 * IMG_W + 5), first_sof=True)
    # New frame in the middle of a row.
    await bench.pixels(rand_pixels(2 * IMG_W + 3), first_sof=True)
    # New frame exactly at a row boundary, then a frame restart right after two rows.
    await bench.pixels(rand_pixels(IMG_W - 3))
    await bench.pixels(rand_pixels(2 * IMG_W), first_sof=True)
    await bench.pixels(rand_pixels(IMG_W + 1), first_sof=True)
    await bench.pixels(rand_pixels(2 * IMG_W + 2))
    await bench.cycle(0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_frames(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(8):
        rows = generator.randrange(2, 8)
        frame = [generator.randrange(PIX_MAX + 1) for _ in range(rows * IMG_W)]
        await bench.pixels(frame, generator, p_gap=generator.choice([0.0, 0.2, 0.6]), first_sof=True)
        if generator.random() < 0.3:
            await bench.cycle(1, generator.randrange(PIX_MAX + 1), rst_n=0)
    await bench.cycle(0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "in_pixel", "in_sof"),
        outputs=("window_valid", "out_x", "out_column"))
