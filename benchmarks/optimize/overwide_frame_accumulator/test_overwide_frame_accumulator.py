"""Tests for overwide_frame_accumulator: reset values, blocks right at the brightness threshold,
the largest block, gaps in valid, mid-block reset, then random traffic; every output is compared
with a cycle-accurate Python model after every rising edge."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

BLOCK = 8
BRIGHT_SUM = 1500


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.block: list[int] = []
        self.done, self.mean, self.bright = 0, 0, 0

    def step(self, rst_n: int, valid: int, pixel: int) -> None:
        if not rst_n:
            self.reset()
            return
        self.done = 0
        if valid:
            self.block.append(pixel)
            if len(self.block) == BLOCK:
                total = sum(self.block)
                self.mean, self.bright, self.done = total // BLOCK, int(total > BRIGHT_SUM), 1
                self.block = []


class Bench:
    def __init__(self, dut) -> None:
        self.dut, self.model, self.cycles = dut, Model(), 0
        dut.rst_n.value, dut.valid.value, dut.pixel.value = 0, 0, 0
        start_clock(dut)

    async def cycle(self, rst_n: int = 1, valid: int = 0, pixel: int = 0) -> None:
        dut = self.dut
        dut.rst_n.value, dut.valid.value, dut.pixel.value = rst_n, valid, pixel
        await FallingEdge(dut.clk)
        self.cycles += 1
        self.model.step(rst_n, valid, pixel)
        got = (read_int(dut.done), read_int(dut.mean), read_int(dut.bright))
        expected = (self.model.done, self.model.mean, self.model.bright)
        assert got == expected, (f"cycle {self.cycles}: after rst_n={rst_n} valid={valid} pixel={pixel}: "
                                 f"got (done, mean, bright)={got}, expected {expected}")

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, valid=1, pixel=255)
        await self.cycle(rst_n=0)

    async def block(self, pixels: list[int], gap: int = 0) -> None:
        for pixel in pixels:
            await self.cycle(valid=1, pixel=pixel)
            for _ in range(gap):
                await self.cycle(valid=0, pixel=255)   # a pixel without valid must not count


@cocotb.test(timeout_time=50, timeout_unit="us")
async def threshold_and_extremes(dut):
    bench = Bench(dut)
    await bench.begin()
    await bench.block([255] * BLOCK)                        # 2040: the largest sum
    await bench.block([0] * BLOCK)
    await bench.block([188] * 7 + [184])                    # 1500: not above the threshold
    await bench.block([188] * 7 + [185])                    # 1501: bright
    await bench.block([187] * BLOCK)                        # 1496
    await bench.block([0] * 7 + [255])
    await bench.block([15] * BLOCK, gap=1)                  # mean 15
    for _ in range(3):
        await bench.cycle()                                 # results hold while idle


@cocotb.test(timeout_time=50, timeout_unit="us")
async def gaps_and_reset(dut):
    bench = Bench(dut)
    await bench.begin()
    await bench.block([200] * 5, gap=2)
    await bench.cycle(rst_n=0, valid=1, pixel=255)          # reset drops the partial block
    await bench.block([255] * BLOCK)
    await bench.block([250] * 3)
    await bench.cycle(rst_n=0)                              # reset clears mean and bright too
    await bench.block([1] * 5, gap=3)
    await bench.block([254] * 3)                            # the block completes across the gaps


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_traffic(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    blocks = bright = 0
    for _ in range(4000):
        level = generator.choice((60, 180, 190, 250))       # blocks near and far from the threshold
        pixel = max(0, min(255, level + generator.randint(-40, 40)))
        await bench.cycle(rst_n=int(generator.random() > 0.003), valid=int(generator.random() < 0.85),
                          pixel=pixel)
        blocks += bench.model.done
        bright += bench.model.done and bench.model.bright
    assert blocks > 100 and 0 < bright < blocks, "random traffic lacks bright or dark blocks (testbench problem)"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("valid", "pixel"), outputs=("done", "mean", "bright"))
