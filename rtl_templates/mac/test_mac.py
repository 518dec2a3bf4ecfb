"""Tests for mac: reset, hold, clear, clear-with-enable, the extreme products, wrap-around of the
accumulator, seeded random control and operands, and reset in mid-run. The accumulator is compared
with a Python model on every cycle. Parameters are read from the design, so the same tests check
every parameterization."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock, to_signed


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.a_width = int(dut.A_WIDTH.value)
        self.b_width = int(dut.B_WIDTH.value)
        self.acc_width = int(dut.ACC_WIDTH.value)
        self.a_min, self.a_max = -(1 << (self.a_width - 1)), (1 << (self.a_width - 1)) - 1
        self.b_min, self.b_max = -(1 << (self.b_width - 1)), (1 << (self.b_width - 1)) - 1
        self.acc = 0
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.en.value = 1
        dut.clear.value = 0
        dut.a.value = self.a_max
        dut.b.value = self.b_max
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.acc = 0

    async def cycle(self, en: int = 0, clear: int = 0, a: int = 0, b: int = 0, rst_n: int = 1) -> None:
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.en.value = en
        dut.clear.value = clear
        dut.a.value = a
        dut.b.value = b
        await settle()
        got = read_int(dut.acc, signed=True)
        assert got == self.acc, (
            f"cycle {self.cycles}: acc={got}, expected {self.acc} "
            f"(inputs rst_n={rst_n} en={en} clear={clear} a={a} b={b})")
        if not rst_n:
            self.acc = 0
        elif en:
            self.acc = to_signed((0 if clear else self.acc) + a * b, self.acc_width)
        elif clear:
            self.acc = 0
        self.cycles += 1
        await FallingEdge(dut.clk)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def control_and_corners(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    # Hold: en low ignores operands.
    await bench.cycle(en=0, a=3, b=5)
    await bench.cycle(en=1, a=3, b=-2)
    await bench.cycle(en=0, a=7, b=7)
    await bench.cycle(en=1, a=-1, b=-1)
    # Clear alone zeroes; clear with en loads the product.
    await bench.cycle(clear=1, a=5, b=5)
    await bench.cycle(en=1, a=2, b=3)
    await bench.cycle(en=1, clear=1, a=-3, b=3)
    await bench.cycle(en=1, a=1, b=1)
    # Extreme products, each alone and accumulated.
    extremes = [(bench.a_min, bench.b_min), (bench.a_min, bench.b_max), (bench.a_max, bench.b_min),
                (bench.a_max, bench.b_max), (bench.a_min, -1), (-1, bench.b_min), (0, bench.b_min)]
    for a, b in extremes:
        await bench.cycle(en=1, clear=1, a=a, b=b)
        await bench.cycle(en=1, a=a, b=b)
        await bench.cycle()
    # Drive the accumulator across its positive and negative limits so it wraps.
    steps = (1 << bench.acc_width) // max(1, bench.a_max * bench.b_max) + 4
    await bench.cycle(en=1, clear=1, a=bench.a_max, b=bench.b_max)
    for _ in range(min(steps, 300)):
        await bench.cycle(en=1, a=bench.a_max, b=bench.b_max)
    await bench.cycle(en=1, clear=1, a=bench.a_min, b=bench.b_max)
    for _ in range(min(steps, 300)):
        await bench.cycle(en=1, a=bench.a_min, b=bench.b_max)
    await bench.cycle()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1500):
        roll = generator.random()
        if roll < 0.3:
            a = generator.choice([bench.a_min, bench.a_max, -1, 0, 1])
            b = generator.choice([bench.b_min, bench.b_max, -1, 0, 1])
        else:
            a = generator.randint(bench.a_min, bench.a_max)
            b = generator.randint(bench.b_min, bench.b_max)
        rst_n = 0 if index in (700, 701) else 1
        await bench.cycle(en=int(generator.random() < 0.8), clear=int(generator.random() < 0.05),
                          a=a, b=b, rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("en", "clear", "a", "b"), outputs=("acc",))
