"""Tests for mac_array: reset, hold, clear, clear-with-enable, extreme products in neighbouring lanes
(no carry or sign may leak between lanes), accumulator wrap-around, seeded random traffic with
independent lane operands, and reset in mid-run. Every lane's accumulator is compared with a Python
model on every cycle. Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock, to_signed


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.lanes = int(dut.LANES.value)
        self.a_width = int(dut.A_WIDTH.value)
        self.b_width = int(dut.B_WIDTH.value)
        self.acc_width = int(dut.ACC_WIDTH.value)
        assert len(dut.a) == self.lanes * self.a_width and len(dut.acc) == self.lanes * self.acc_width
        self.a_min, self.a_max = -(1 << (self.a_width - 1)), (1 << (self.a_width - 1)) - 1
        self.b_min, self.b_max = -(1 << (self.b_width - 1)), (1 << (self.b_width - 1)) - 1
        self.acc = [0] * self.lanes
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.en.value = 1
        dut.clear.value = 0
        dut.a.value = pack([self.a_min] * self.lanes, self.a_width)
        dut.b.value = pack([self.b_max] * self.lanes, self.b_width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.acc = [0] * self.lanes

    def accumulators(self) -> list[int]:
        word = read_int(self.dut.acc)
        return [to_signed(word >> (i * self.acc_width), self.acc_width) for i in range(self.lanes)]

    async def cycle(self, en: int = 0, clear: int = 0, a: list[int] | None = None, b: list[int] | None = None,
                    rst_n: int = 1) -> None:
        dut = self.dut
        a = a if a is not None else [0] * self.lanes
        b = b if b is not None else [0] * self.lanes
        dut.rst_n.value = rst_n
        dut.en.value = en
        dut.clear.value = clear
        dut.a.value = pack(a, self.a_width)
        dut.b.value = pack(b, self.b_width)
        await settle()
        got = self.accumulators()
        assert got == self.acc, (
            f"cycle {self.cycles}: acc={got}, expected {self.acc} "
            f"(inputs rst_n={rst_n} en={en} clear={clear} a={a} b={b})")
        for lane in range(self.lanes):
            if not rst_n:
                self.acc[lane] = 0
            elif en:
                base = 0 if clear else self.acc[lane]
                self.acc[lane] = to_signed(base + a[lane] * b[lane], self.acc_width)
            elif clear:
                self.acc[lane] = 0
        self.cycles += 1
        await FallingEdge(dut.clk)

    def random_operands(self, generator) -> tuple[list[int], list[int]]:
        a, b = [], []
        for _ in range(self.lanes):
            if generator.random() < 0.25:
                a.append(generator.choice([self.a_min, self.a_max, -1, 0, 1]))
                b.append(generator.choice([self.b_min, self.b_max, -1, 0, 1]))
            else:
                a.append(generator.randint(self.a_min, self.a_max))
                b.append(generator.randint(self.b_min, self.b_max))
        return a, b


@cocotb.test(timeout_time=50, timeout_unit="us")
async def control_and_corners(dut):
    bench = Bench(dut)
    lanes = bench.lanes
    await bench.start()
    await bench.cycle()
    ramp_a = [(i % 5) - 2 for i in range(lanes)]
    ramp_b = [3 - (i % 4) for i in range(lanes)]
    await bench.cycle(en=0, a=ramp_a, b=ramp_b)
    await bench.cycle(en=1, a=ramp_a, b=ramp_b)
    await bench.cycle(en=1, a=ramp_b, b=ramp_a)
    await bench.cycle(en=0, a=ramp_a, b=ramp_a)
    await bench.cycle(clear=1, a=ramp_a, b=ramp_b)
    await bench.cycle(en=1, a=ramp_a, b=ramp_b)
    await bench.cycle(en=1, clear=1, a=ramp_b, b=ramp_b)
    await bench.cycle(en=1, a=ramp_a, b=ramp_b)
    # Alternating extreme products in neighbouring lanes.
    pattern_a = [bench.a_min if i % 2 else bench.a_max for i in range(lanes)]
    pattern_b = [bench.b_min if i % 3 else bench.b_max for i in range(lanes)]
    for a, b in ((pattern_a, pattern_b), ([bench.a_min] * lanes, [bench.b_min] * lanes),
                 ([-1] * lanes, [bench.b_min] * lanes), ([bench.a_min] * lanes, [-1] * lanes)):
        await bench.cycle(en=1, clear=1, a=a, b=b)
        for _ in range(3):
            await bench.cycle(en=1, a=a, b=b)
        await bench.cycle()
    # Run the accumulators past their limits in both directions (lanes alternate in sign).
    steps = min(300, (1 << bench.acc_width) // (bench.a_max * bench.b_max) + 4)
    await bench.cycle(en=1, clear=1, a=pattern_a, b=[bench.b_max] * lanes)
    for _ in range(steps):
        await bench.cycle(en=1, a=pattern_a, b=[bench.b_max] * lanes)
    await bench.cycle()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1200):
        a, b = bench.random_operands(generator)
        rst_n = 0 if index in (600, 601) else 1
        await bench.cycle(en=int(generator.random() < 0.8), clear=int(generator.random() < 0.05),
                          a=a, b=b, rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("en", "clear", "a", "b"), outputs=("acc",))
