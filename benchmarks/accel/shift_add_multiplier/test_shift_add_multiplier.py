"""Tests for shift_add_multiplier: reset values and reset during an operation, corner operands
(including all-ones operands whose partial sums carry), the exact 16-cycle latency and one-cycle
done pulse, start ignored while busy, start held high, product held while idle, and seeded random
traffic. Inputs change on falling edges; busy and done are compared with a cycle-accurate model
after every rising edge, and the product whenever busy is 0."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

WIDTH = 16
LATENCY = WIDTH
MAX = (1 << WIDTH) - 1


class Model:
    """Cycle-accurate model of the handshake; state is what the outputs show after an edge."""

    def __init__(self) -> None:
        self.busy = 0
        self.done = 0
        self.product = 0
        self.count = 0
        self.operands = (0, 0)

    def step(self, rst_n: int, start: int, a: int, b: int) -> None:
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
            self.operands = (a, b)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.generator = rng()
        self.cycle_count = 0
        self.completed = 0
        dut.rst_n.value = 0
        dut.start.value = 0
        dut.a.value = 0
        dut.b.value = 0
        start_clock(dut)

    def noise(self) -> int:
        return self.generator.randint(0, MAX)

    async def cycle(self, rst_n: int = 1, start: int = 0, a: int | None = None,
                    b: int | None = None, check: bool = True) -> None:
        """Drive inputs (just after a falling edge), let one rising edge pass, check outputs.
        Operands not given are random, so only the values at an accepted start may matter."""
        dut = self.dut
        a = self.noise() if a is None else a
        b = self.noise() if b is None else b
        dut.rst_n.value = rst_n
        dut.start.value = start
        dut.a.value = a
        dut.b.value = b
        await FallingEdge(dut.clk)
        self.cycle_count += 1
        was_busy = self.model.busy
        self.model.step(rst_n, start, a, b)
        self.completed += self.model.done
        if not check:
            return
        model = self.model
        where = (f"cycle {self.cycle_count} (inputs rst_n={rst_n} start={start} a={a} b={b}, "
                 f"busy before edge={was_busy}, operation operands={model.operands}, "
                 f"cycles since accept={model.count})")
        got_busy, got_done = read_int(dut.busy), read_int(dut.done)
        assert (got_busy, got_done) == (model.busy, model.done), (
            f"{where}: got busy={got_busy} done={got_done}, expected busy={model.busy} done={model.done}"
        )
        if not model.busy:
            got = read_int(dut.product)
            assert got == model.product, f"{where}: got product=0x{got:08x}, expected 0x{model.product:08x}"

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, check=False)
        await self.cycle(rst_n=0)

    async def operation(self, a: int, b: int, gap: int = 0) -> None:
        """One accepted request, the cycles until done, then `gap` idle cycles."""
        assert not self.model.busy
        await self.cycle(start=1, a=a, b=b)
        while not self.model.done:
            await self.cycle()
        for _ in range(gap):
            await self.cycle()


CORNERS = [0, 1, 3, 0x00FF, 0x7FFF, 0x8000, 0xAAAA, 0x5555, MAX - 1, MAX]


@cocotb.test(timeout_time=30, timeout_unit="us")
async def reset_behaviour(dut):
    bench = Bench(dut)
    await bench.begin()
    await bench.cycle(rst_n=0, start=1, a=5, b=7)   # start ignored in reset
    await bench.cycle()
    await bench.operation(MAX, MAX, gap=2)
    # Reset in the middle of an operation abandons it.
    for abort_after in [1, 7, LATENCY - 1, LATENCY]:
        await bench.cycle(start=1, a=0x1234, b=0xFEDC)
        for _ in range(abort_after - 1):
            await bench.cycle()
        await bench.cycle(rst_n=0, start=1)
        for _ in range(LATENCY + 2):
            await bench.cycle()
    # Reset exactly in the cycle where done is high clears done and product.
    await bench.operation(0xC000, 0x8000)
    await bench.cycle(rst_n=0)
    await bench.cycle()
    await bench.operation(3, 0xFFFF, gap=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def corner_operands(dut):
    bench = Bench(dut)
    await bench.begin()
    for index, a in enumerate(CORNERS):
        for b in CORNERS:
            await bench.operation(a, b, gap=index % 3)
    assert bench.completed == len(CORNERS) ** 2


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
        # The product must stay put while idle, whatever the operand inputs do.
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
    assert bench.completed > 50


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("start", "a", "b"), outputs=("busy", "done", "product"))
