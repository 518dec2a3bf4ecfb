"""Tests for maxpool_2x2: cycle-by-cycle comparison with a Python model of the streaming pooler
(position tracking, half-row buffer, one-cycle output pulses), plus a frame-level check of the
pooled image. Covers the maximum in each of the four block positions, signed extremes, full-rate
and gapped streams, several row pairs back to back, and resets in the middle of a row pair."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock

WIDTH = 8
HALF = WIDTH // 2


class Model:
    def __init__(self) -> None:
        self.col = 0
        self.bottom = 0
        self.left = 0
        self.row_max = [0] * HALF
        self.out_valid = 0
        self.out_pixel = 0

    def clock(self, rst_n: int, in_valid: int, in_pixel: int) -> None:
        if not rst_n:
            self.col, self.bottom, self.out_valid, self.out_pixel = 0, 0, 0, 0
            return
        self.out_valid = 0
        if not in_valid:
            return
        if self.col % 2 == 0:
            self.left = in_pixel
        elif not self.bottom:
            self.row_max[self.col // 2] = max(self.left, in_pixel)
        else:
            self.out_pixel = max(self.row_max[self.col // 2], self.left, in_pixel)
            self.out_valid = 1
        self.col += 1
        if self.col == WIDTH:
            self.col, self.bottom = 0, 1 - self.bottom


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.outputs: list[int] = []
        self.accepted = 0

    async def start(self) -> None:
        start_clock(self.dut)
        await FallingEdge(self.dut.clk)
        # Before the first reset edge the registers are unknown: check only after it.
        await self.step(0, 0, 0, check_before=False)
        await self.step(0, 0, 0)

    async def step(self, rst_n: int, in_valid: int, in_pixel: int,
                   check_before: bool = True) -> None:
        """Drive inputs on the falling edge; check outputs right after (registered, so still the
        old values) and at the next falling edge (updated by the rising edge)."""
        self.dut.rst_n.value = rst_n
        self.dut.in_valid.value = in_valid
        self.dut.in_pixel.value = in_pixel
        await settle()
        if check_before:
            self.check(rst_n, in_valid, in_pixel, "before the edge")
        await FallingEdge(self.dut.clk)
        position = (self.model.col, "bottom" if self.model.bottom else "top")
        self.model.clock(rst_n, in_valid, in_pixel)
        self.check(rst_n, in_valid, in_pixel, f"after the edge (input position col/row {position})")
        if rst_n and in_valid:
            self.accepted += 1
        if self.model.out_valid:
            self.outputs.append(self.model.out_pixel)

    def check(self, rst_n: int, in_valid: int, in_pixel: int, when: str) -> None:
        got = (read_int(self.dut.out_valid), read_int(self.dut.out_pixel, signed=True))
        expected = (self.model.out_valid, self.model.out_pixel)
        assert got == expected, (
            f"{when}, inputs rst_n={rst_n} in_valid={in_valid} in_pixel={in_pixel} after "
            f"{self.accepted} accepted pixels: got out_valid={got[0]} out_pixel={got[1]}, "
            f"expected out_valid={expected[0]} out_pixel={expected[1]}"
        )

    async def feed(self, pixels: list[int], generator=None, gap_chance: float = 0.0) -> None:
        for pixel in pixels:
            while generator is not None and generator.random() < gap_chance:
                await self.step(1, 0, generator.randint(-128, 127))
            await self.step(1, 1, pixel)


def pool(image: list[list[int]]) -> list[int]:
    """Frame-level reference: 2x2 max pooling with stride 2, block outputs in raster order."""
    pooled = []
    for r in range(0, len(image), 2):
        for k in range(HALF):
            pooled.append(max(image[r][2 * k], image[r][2 * k + 1],
                              image[r + 1][2 * k], image[r + 1][2 * k + 1]))
    return pooled


def flatten(image: list[list[int]]) -> list[int]:
    return [pixel for row in image for pixel in row]


@cocotb.test(timeout_time=100, timeout_unit="us")
async def peak_in_each_block_position(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for background, peak in ((-128, 127), (-5, -4), (0, 1), (-128, -127), (-1, 0), (100, 101)):
        # In block k the peak sits at position (k + offset) % 4 of (TL, TR, BL, BR).
        for offset in range(4):
            image = [[background] * WIDTH for _ in range(2)]
            for k in range(HALF):
                where = (k + offset) % 4
                image[where // 2][2 * k + where % 2] = peak
            start = len(bench.outputs)
            await bench.feed(flatten(image), generator, 0.2)
            assert bench.outputs[start:] == pool(image), (
                f"image {image}: pooled outputs {bench.outputs[start:]}, expected {pool(image)}")


@cocotb.test(timeout_time=200, timeout_unit="us")
async def full_rate_images(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for _ in range(6):
        rows = 2 * generator.randint(1, 4)
        image = [[generator.randint(-128, 127) for _ in range(WIDTH)] for _ in range(rows)]
        start = len(bench.outputs)
        await bench.feed(flatten(image))
        assert bench.outputs[start:] == pool(image), (
            f"image {image}: pooled outputs {bench.outputs[start:]}, expected {pool(image)}")
    for _ in range(3):
        await bench.step(1, 0, 0)


@cocotb.test(timeout_time=300, timeout_unit="us")
async def gapped_stream(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for chance in (0.1, 0.5, 0.8):
        rows = 2 * generator.randint(2, 4)
        image = [[generator.choice([generator.randint(-128, 127), generator.randint(-3, 3),
                                    -128, 127]) for _ in range(WIDTH)] for _ in range(rows)]
        start = len(bench.outputs)
        await bench.feed(flatten(image), generator, chance)
        assert bench.outputs[start:] == pool(image), (
            f"image {image}: pooled outputs {bench.outputs[start:]}, expected {pool(image)}")


@cocotb.test(timeout_time=300, timeout_unit="us")
async def reset_mid_row_pair(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    # Reset after a varying number of pixels, so it hits top rows, bottom rows, even and odd
    # columns; afterwards a fresh image must pool from row 0, column 0.
    for cut in (1, 3, WIDTH - 1, WIDTH, WIDTH + 1, WIDTH + 2, 2 * WIDTH - 1, 3 * WIDTH + 3):
        await bench.feed([generator.randint(-128, 127) for _ in range(cut)], generator, 0.2)
        await bench.step(0, 1, 127)  # reset wins over the presented pixel
        if generator.random() < 0.5:
            await bench.step(1, 0, 0)
        image = [[generator.randint(-128, 127) for _ in range(WIDTH)] for _ in range(2)]
        start = len(bench.outputs)
        await bench.feed(flatten(image), generator, 0.2)
        assert bench.outputs[start:] == pool(image), (
            f"after a reset, image {image}: pooled outputs {bench.outputs[start:]}, "
            f"expected {pool(image)}")
        await bench.step(1, 0, 0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "in_pixel"), outputs=("out_valid", "out_pixel"))
