"""Tests for unshared_serial_cmul: reset values, one product at a time with its exact timing, start
ignored while busy, back-to-back products, extreme operands, then random traffic; every output is
compared with a cycle-accurate Python model after every rising edge."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

LOW, HIGH = -32, 31
IDLE, FIRST, SECOND = 0, 1, 2


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.phase, self.done, self.p_re, self.p_im = IDLE, 0, 0, 0
        self.operands = (0, 0, 0, 0)

    def step(self, rst_n: int, start: int, operands: tuple[int, int, int, int]) -> None:
        if not rst_n:
            self.reset()
            return
        self.done = 0
        if self.phase == IDLE:
            if start:
                self.operands, self.phase = operands, FIRST
        elif self.phase == FIRST:
            self.phase = SECOND
        else:
            a_re, a_im, b_re, b_im = self.operands
            self.p_re, self.p_im = a_re * b_re - a_im * b_im, a_re * b_im + a_im * b_re
            self.done, self.phase = 1, IDLE

    def outputs(self) -> tuple[int, int, int, int]:
        return int(self.phase != IDLE), self.done, self.p_re, self.p_im


class Bench:
    def __init__(self, dut) -> None:
        self.dut, self.model, self.cycles = dut, Model(), 0
        dut.rst_n.value, dut.start.value = 0, 0
        for name in ("a_re", "a_im", "b_re", "b_im"):
            getattr(dut, name).value = 0
        start_clock(dut)

    async def cycle(self, rst_n: int = 1, start: int = 0, operands=(0, 0, 0, 0)) -> None:
        dut = self.dut
        dut.rst_n.value, dut.start.value = rst_n, start
        dut.a_re.value, dut.a_im.value, dut.b_re.value, dut.b_im.value = operands
        await FallingEdge(dut.clk)
        self.cycles += 1
        self.model.step(rst_n, start, operands)
        got = (read_int(dut.busy), read_int(dut.done), read_int(dut.p_re, signed=True),
               read_int(dut.p_im, signed=True))
        expected = self.model.outputs()
        assert got == expected, (
            f"cycle {self.cycles}: after rst_n={rst_n} start={start} (a_re, a_im, b_re, b_im)={operands}: "
            f"got (busy, done, p_re, p_im)={got}, expected {expected}")

    async def begin(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0)
        await self.cycle(rst_n=0)

    async def product(self, operands, idle_after: int = 0) -> None:
        await self.cycle(start=1, operands=operands)
        await self.cycle(start=0, operands=(HIGH, LOW, HIGH, LOW))  # inputs move while busy
        await self.cycle(start=0, operands=(LOW, HIGH, LOW, HIGH))
        for _ in range(idle_after):
            await self.cycle()


@cocotb.test(timeout_time=50, timeout_unit="us")
async def single_products(dut):
    bench = Bench(dut)
    await bench.begin()
    for operands in ((1, 0, 1, 0), (0, 1, 0, 1), (3, -2, 5, 7), (-5, 4, 2, -6), (LOW, LOW, LOW, LOW),
                     (LOW, HIGH, HIGH, LOW), (HIGH, HIGH, HIGH, HIGH), (LOW, 0, 0, LOW), (0, LOW, LOW, 0),
                     (HIGH, LOW, LOW, HIGH)):
        await bench.product(operands, idle_after=2)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_while_busy_and_back_to_back(dut):
    bench = Bench(dut)
    await bench.begin()
    for _ in range(3):
        await bench.cycle()                                   # idle without start: nothing happens
    await bench.cycle(start=1, operands=(7, -3, -8, 2))
    await bench.cycle(start=1, operands=(HIGH, HIGH, HIGH, HIGH))   # ignored: busy
    await bench.cycle(start=1, operands=(LOW, LOW, LOW, LOW))       # ignored: busy
    await bench.cycle(start=1, operands=(-1, 1, 1, -1))             # idle again: accepted at once
    await bench.cycle(start=1, operands=(9, 9, 9, 9))
    await bench.cycle(start=1, operands=(9, 9, 9, 9))
    await bench.cycle(start=0)
    await bench.cycle(start=0)
    # reset in the middle of a product discards it
    await bench.cycle(start=1, operands=(11, 12, 13, 14))
    await bench.cycle(rst_n=0, start=1, operands=(1, 1, 1, 1))
    await bench.cycle(start=0)
    await bench.cycle(start=1, operands=(-2, -3, 4, 5))
    await bench.cycle(rst_n=0)                                     # reset in the second cycle
    await bench.cycle()
    await bench.cycle(start=1, operands=(HIGH, LOW, -17, 23))
    await bench.cycle()
    await bench.cycle()
    await bench.cycle(rst_n=0)                                     # reset clears the result too
    await bench.cycle()


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    bench = Bench(dut)
    await bench.begin()
    generator = rng()
    products = 0
    for _ in range(3000):
        operands = tuple(generator.choice((LOW, HIGH, generator.randint(LOW, HIGH))) for _ in range(4))
        start = int(generator.random() < 0.7)
        products += int(start and bench.model.phase == IDLE)
        await bench.cycle(rst_n=int(generator.random() > 0.005), start=start, operands=operands)
    assert products > 500, "random traffic started too few products (testbench problem)"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("start", "a_re", "a_im", "b_re", "b_im"),
                                               outputs=("busy", "done", "p_re", "p_im"))
