"""Tests for mcm_transposed_fir: the impulse response (each coefficient alone), step responses at
both extremes, stalls (valid low), mid-stream reset, then random streams; the output is compared
with a cycle-accurate Python model after every rising edge."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

COEFFICIENTS = (23, 45, 89, 113)


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.history, self.y = [0] * len(COEFFICIENTS), 0

    def step(self, rst_n: int, valid: int, x: int) -> None:
        if not rst_n:
            self.reset()
        elif valid:
            self.history = [x, *self.history[:-1]]
            self.y = sum(c * s for c, s in zip(COEFFICIENTS, self.history, strict=True))


class Bench:
    def __init__(self, dut) -> None:
        self.dut, self.model, self.cycles = dut, Model(), 0
        dut.rst_n.value, dut.valid.value, dut.x.value = 0, 0, 0
        start_clock(dut)

    async def cycle(self, rst_n: int = 1, valid: int = 1, x: int = 0) -> None:
        dut = self.dut
        dut.rst_n.value, dut.valid.value, dut.x.value = rst_n, valid, x
        await FallingEdge(dut.clk)
        self.cycles += 1
        self.model.step(rst_n, valid, x)
        got = read_int(dut.y, signed=True)
        assert got == self.model.y, (
            f"cycle {self.cycles}: after rst_n={rst_n} valid={valid} x={x} "
            f"(samples newest first {self.model.history}): got y={got}, expected {self.model.y}")

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, valid=1, x=-128)
        await self.cycle(rst_n=0, valid=0)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def impulse_and_step_responses(dut):
    bench = Bench(dut)
    await bench.begin()
    for amplitude in (1, -1, 127, -128):
        await bench.cycle(x=amplitude)             # impulse: the coefficients one by one
        for _ in range(len(COEFFICIENTS) + 1):
            await bench.cycle(x=0)
    for amplitude in (127, -128, 1, -1):           # steps: the extreme sums +-270 * amplitude
        for _ in range(len(COEFFICIENTS) + 2):
            await bench.cycle(x=amplitude)
    for _ in range(6):
        await bench.cycle(x=127)
        await bench.cycle(x=-128)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def stalls_and_reset(dut):
    bench = Bench(dut)
    await bench.begin()
    for x in (5, -7, 100, -100, 3):
        await bench.cycle(x=x)
        await bench.cycle(valid=0, x=127)          # a stalled cycle's sample must not enter
        await bench.cycle(valid=0, x=-128)
    await bench.cycle(rst_n=0, valid=1, x=99)      # reset empties the history
    for x in (1, 2, 3, 4, 5, -6):
        await bench.cycle(x=x)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_streams(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    for _ in range(3000):
        x = generator.choice((-128, 127, generator.randint(-128, 127), generator.randint(-4, 4)))
        await bench.cycle(rst_n=int(generator.random() > 0.003), valid=int(generator.random() < 0.8), x=x)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("valid", "x"), outputs=("y",))
