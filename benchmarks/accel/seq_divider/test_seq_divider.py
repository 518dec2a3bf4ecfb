"""Tests for seq_divider: reset values and reset during a division, corner operands (zero and
all-ones dividends, divisors at and above 2^15, exact divisions, divide by zero), the exact
16-cycle latency and one-cycle done pulse, start ignored while busy, start held high, and seeded
random traffic. Inputs change on falling edges; busy and done are compared with a cycle-accurate
model after every rising edge, and quotient, remainder and div_by_zero whenever busy is 0."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

WIDTH = 16
LATENCY = WIDTH
MAX = (1 << WIDTH) - 1


def divide(dividend: int, divisor: int) -> tuple[int, int, int]:
    if divisor == 0:
        return MAX, dividend, 1
    return dividend // divisor, dividend % divisor, 0


class Model:
    """Cycle-accurate model of the handshake; state is what the outputs show after an edge."""

    def __init__(self) -> None:
        self.busy = 0
        self.done = 0
        self.results = (0, 0, 0)
        self.count = 0
        self.operands = (0, 0)

    def step(self, rst_n: int, start: int, dividend: int, divisor: int) -> None:
        if not rst_n:
            self.busy, self.done, self.results = 0, 0, (0, 0, 0)
            return
        self.done = 0
        if self.busy:
            self.count += 1
            if self.count == LATENCY:
                self.busy, self.done = 0, 1
                self.results = divide(*self.operands)
        elif start:
            self.busy, self.count = 1, 0
            self.operands = (dividend, divisor)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.generator = rng()
        self.cycle_count = 0
        self.completed = 0
        self.zero_divisions = 0
        dut.rst_n.value = 0
        dut.start.value = 0
        dut.dividend.value = 0
        dut.divisor.value = 0
        start_clock(dut)

    def noise(self) -> int:
        roll = self.generator.random()
        if roll < 0.1:
            return 0
        if roll < 0.4:
            return self.generator.randint(0, 255)
        return self.generator.randint(0, MAX)

    async def cycle(self, rst_n: int = 1, start: int = 0, dividend: int | None = None,
                    divisor: int | None = None, check: bool = True) -> None:
        """Drive inputs (just after a falling edge), let one rising edge pass, check outputs.
        Operands not given are random, so only the values at an accepted start may matter."""
        dut = self.dut
        dividend = self.generator.randint(0, MAX) if dividend is None else dividend
        divisor = self.noise() if divisor is None else divisor
        dut.rst_n.value = rst_n
        dut.start.value = start
        dut.dividend.value = dividend
        dut.divisor.value = divisor
        await FallingEdge(dut.clk)
        self.cycle_count += 1
        was_busy = self.model.busy
        self.model.step(rst_n, start, dividend, divisor)
        if self.model.done:
            self.completed += 1
            self.zero_divisions += self.model.results[2]
        if not check:
            return
        model = self.model
        where = (f"cycle {self.cycle_count} (inputs rst_n={rst_n} start={start} dividend={dividend} "
                 f"divisor={divisor}, busy before edge={was_busy}, operation (dividend, divisor)="
                 f"{model.operands}, cycles since accept={model.count})")
        got_busy, got_done = read_int(dut.busy), read_int(dut.done)
        assert (got_busy, got_done) == (model.busy, model.done), (
            f"{where}: got busy={got_busy} done={got_done}, expected busy={model.busy} done={model.done}"
        )
        if not model.busy:
            got = (read_int(dut.quotient), read_int(dut.remainder), read_int(dut.div_by_zero))
            assert got == model.results, (
                f"{where}: got quotient={got[0]} remainder={got[1]} div_by_zero={got[2]}, "
                f"expected quotient={model.results[0]} remainder={model.results[1]} "
                f"div_by_zero={model.results[2]}"
            )

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, check=False)
        await self.cycle(rst_n=0)

    async def operation(self, dividend: int, divisor: int, gap: int = 0) -> None:
        """One accepted request, the cycles until done, then `gap` idle cycles."""
        assert not self.model.busy
        await self.cycle(start=1, dividend=dividend, divisor=divisor)
        while not self.model.done:
            await self.cycle()
        for _ in range(gap):
            await self.cycle()


CORNERS = [0, 1, 7, 0x00FF, 0x7FFF, 0x8000, 0x8001, 0xAAAA, MAX - 1, MAX]


@cocotb.test(timeout_time=30, timeout_unit="us")
async def reset_behaviour(dut):
    bench = Bench(dut)
    await bench.begin()
    await bench.cycle(rst_n=0, start=1, dividend=50, divisor=0)   # start ignored in reset
    await bench.cycle()
    await bench.operation(1000, 0, gap=2)                          # flag set, then reset clears it
    # Reset in the middle of a division abandons it.
    for abort_after in [1, 7, LATENCY - 1, LATENCY]:
        await bench.cycle(start=1, dividend=0xFEDC, divisor=0)
        for _ in range(abort_after - 1):
            await bench.cycle()
        await bench.cycle(rst_n=0, start=1)
        for _ in range(LATENCY + 2):
            await bench.cycle()
    # Reset exactly in the cycle where done is high clears done and all results.
    await bench.operation(MAX, 0)
    await bench.cycle(rst_n=0)
    await bench.cycle()
    await bench.operation(MAX, 3, gap=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def corner_operands(dut):
    bench = Bench(dut)
    await bench.begin()
    for index, dividend in enumerate(CORNERS):
        for divisor in CORNERS:
            await bench.operation(dividend, divisor, gap=index % 3)
    assert bench.completed == len(CORNERS) ** 2


@cocotb.test(timeout_time=50, timeout_unit="us")
async def divide_by_zero_then_normal(dut):
    # The flag and the special results must belong to the latest division only.
    bench = Bench(dut)
    await bench.begin()
    for dividend, divisor in [(1234, 0), (1234, 5), (0, 0), (MAX, 0), (MAX, MAX), (0x8000, 0),
                              (9, 3), (0, 0), (0, 1)]:
        await bench.operation(dividend, divisor, gap=1)
    for _ in range(6):
        await bench.operation(bench.generator.randint(0, MAX), 0)
        await bench.operation(bench.generator.randint(0, MAX), bench.generator.randint(1, MAX))


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_while_busy(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    for _ in range(20):
        await bench.cycle(start=1)
        # Requests during the busy cycles must be ignored, whatever their operands.
        while bench.model.busy:
            await bench.cycle(start=int(generator.random() < 0.6))
        # The results must stay put while idle, whatever the operand inputs do.
        for _ in range(generator.randint(0, 4)):
            await bench.cycle()


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_held_high(dut):
    bench = Bench(dut)
    await bench.begin()
    for _ in range(15 * (LATENCY + 1)):
        await bench.cycle(start=1)
    assert bench.completed >= 14


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    for _ in range(2000):
        await bench.cycle(rst_n=int(generator.random() > 0.003), start=int(generator.random() < 0.3))
    assert bench.completed > 40


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("start", "dividend", "divisor"),
        outputs=("busy", "done", "quotient", "remainder", "div_by_zero"))
