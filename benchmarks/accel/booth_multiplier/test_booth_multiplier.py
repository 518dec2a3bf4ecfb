"""Tests for booth_multiplier: reset values and reset during an operation, corner operands
(including the most negative values), the exact 8-cycle latency and one-cycle done pulse,
start ignored while busy, start held high, and seeded random traffic. Inputs change on falling
edges; busy and done are compared with a cycle-accurate model after every rising edge, and the
product whenever busy is 0."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

WIDTH = 8
LATENCY = WIDTH
MIN = -(1 << (WIDTH - 1))
MAX = (1 << (WIDTH - 1)) - 1


class Model:
    """Cycle-accurate model of the handshake; state is what the outputs show after an edge."""

    def __init__(self) -> None:
        self.busy = 0
        self.done = 0
        self.product = 0
        self.count = 0
        self.operands = (0, 0)

    def step(self, rst_n: int, start: int, multiplicand: int, multiplier: int) -> None:
        if not rst_n:
            self.busy, self.done, self.product = 0, 0, 0
            return
        self.done = 0
        if self.busy:
            self.count += 1
            if self.count == LATENCY:
                self.busy, self.done = 0, 1
                self.product = self.operands[0] * self.operands[1]
        elif start:
            self.busy, self.count = 1, 0
            self.operands = (multiplicand, multiplier)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.generator = rng()
        self.cycle_count = 0
        self.completed = 0
        dut.rst_n.value = 0
        dut.start.value = 0
        dut.multiplicand.value = 0
        dut.multiplier.value = 0
        start_clock(dut)

    def noise(self) -> int:
        return self.generator.randint(MIN, MAX)

    async def cycle(self, rst_n: int = 1, start: int = 0, multiplicand: int | None = None,
                    multiplier: int | None = None, check: bool = True) -> None:
        """Drive inputs (just after a falling edge), let one rising edge pass, check outputs.
        Operands not given are random, so only the values at an accepted start may matter."""
        dut = self.dut
        multiplicand = self.noise() if multiplicand is None else multiplicand
        multiplier = self.noise() if multiplier is None else multiplier
        dut.rst_n.value = rst_n
        dut.start.value = start
        dut.multiplicand.value = multiplicand
        dut.multiplier.value = multiplier
        await FallingEdge(dut.clk)
        self.cycle_count += 1
        was_busy = self.model.busy
        self.model.step(rst_n, start, multiplicand, multiplier)
        self.completed += self.model.done
        if not check:
            return
        model = self.model
        where = (f"cycle {self.cycle_count} (inputs rst_n={rst_n} start={start} "
                 f"multiplicand={multiplicand} multiplier={multiplier}, busy before edge={was_busy}, "
                 f"operation operands={model.operands}, cycles since accept={model.count})")
        got_busy, got_done = read_int(dut.busy), read_int(dut.done)
        assert (got_busy, got_done) == (model.busy, model.done), (
            f"{where}: got busy={got_busy} done={got_done}, expected busy={model.busy} done={model.done}"
        )
        if not model.busy:
            got = read_int(dut.product, signed=True)
            assert got == model.product, f"{where}: got product={got}, expected {model.product}"

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, check=False)
        await self.cycle(rst_n=0)

    async def operation(self, multiplicand: int, multiplier: int, gap: int = 0) -> None:
        """One accepted request, the cycles until done, then `gap` idle cycles."""
        assert not self.model.busy
        await self.cycle(start=1, multiplicand=multiplicand, multiplier=multiplier)
        while not self.model.done:
            await self.cycle()
        for _ in range(gap):
            await self.cycle()


CORNERS = [MIN, MIN + 1, -2, -1, 0, 1, 2, 0x55, -0x56, MAX - 1, MAX]


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_behaviour(dut):
    bench = Bench(dut)
    await bench.begin()
    await bench.cycle(rst_n=0, start=1, multiplicand=5, multiplier=7)   # start ignored in reset
    await bench.cycle()
    await bench.operation(-100, 77, gap=2)
    # Reset in the middle of an operation abandons it.
    for abort_after in [1, 4, LATENCY - 1, LATENCY]:
        await bench.cycle(start=1, multiplicand=MIN, multiplier=MIN + 1)
        for _ in range(abort_after - 1):
            await bench.cycle()
        await bench.cycle(rst_n=0, start=1)
        for _ in range(LATENCY + 2):
            await bench.cycle()
    # Reset exactly in the cycle where done is high clears done and product.
    await bench.operation(MIN, MIN)
    await bench.cycle(rst_n=0)
    await bench.cycle()
    await bench.operation(3, -3, gap=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def corner_operands(dut):
    bench = Bench(dut)
    await bench.begin()
    for index, multiplicand in enumerate(CORNERS):
        for multiplier in CORNERS:
            await bench.operation(multiplicand, multiplier, gap=index % 3)
    assert bench.completed == len(CORNERS) ** 2


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_while_busy(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    for _ in range(30):
        await bench.cycle(start=1, multiplicand=bench.noise(), multiplier=bench.noise())
        # Requests during the busy cycles must be ignored, whatever their operands.
        while bench.model.busy:
            await bench.cycle(start=int(generator.random() < 0.6))
        for _ in range(generator.randint(0, 2)):
            await bench.cycle()


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_held_high(dut):
    bench = Bench(dut)
    await bench.begin()
    for _ in range(30 * (LATENCY + 1)):
        await bench.cycle(start=1)
    assert bench.completed >= 29


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    for _ in range(2000):
        await bench.cycle(rst_n=int(generator.random() > 0.004), start=int(generator.random() < 0.4))
    assert bench.completed > 50


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("start", "multiplicand", "multiplier"),
        outputs=("busy", "done", "product"))
