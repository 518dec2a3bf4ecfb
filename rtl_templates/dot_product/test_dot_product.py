"""Tests for dot_product: reset values, the fixed latency 1 + $clog2(N), extreme operands (every
lane min*min, which needs the full output width, and mixed signs), one-hot lanes, back-to-back and
spaced-out vectors with the output held between results, seeded random operands and valid, and
reset in mid-run (results in flight dropped). out_valid and out_data are compared with a
cycle-accurate Python model on every cycle. Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.n = int(dut.N.value)
        self.a_width = int(dut.A_WIDTH.value)
        self.b_width = int(dut.B_WIDTH.value)
        self.latency = 1 + (self.n - 1).bit_length()
        assert len(dut.out_data) == self.a_width + self.b_width + (self.n - 1).bit_length()
        self.a_min, self.a_max = -(1 << (self.a_width - 1)), (1 << (self.a_width - 1)) - 1
        self.b_min, self.b_max = -(1 << (self.b_width - 1)), (1 << (self.b_width - 1)) - 1
        self.slots = [(0, 0)] * self.latency  # (valid, result) held by each pipeline stage
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.a.value = pack([self.a_min] * self.n, self.a_width)
        dut.b.value = pack([self.b_min] * self.n, self.b_width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.slots = [(0, 0)] * self.latency

    async def cycle(self, valid: int = 0, a: list[int] | None = None, b: list[int] | None = None,
                    rst_n: int = 1) -> None:
        dut = self.dut
        a = a if a is not None else [0] * self.n
        b = b if b is not None else [0] * self.n
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.a.value = pack(a, self.a_width)
        dut.b.value = pack(b, self.b_width)
        await settle()
        got = (read_int(dut.out_valid), read_int(dut.out_data, signed=True))
        expected = self.slots[-1]
        assert got == expected, (
            f"cycle {self.cycles}: out_valid/out_data={got}, expected {expected} "
            f"(inputs rst_n={rst_n} in_valid={valid} a={a} b={b})")
        if not rst_n:
            self.slots = [(0, 0)] * self.latency
        else:
            incoming = (valid, sum(x * y for x, y in zip(a, b)))
            new = []
            for old in self.slots:
                new.append((incoming[0], incoming[1] if incoming[0] else old[1]))
                incoming = old
            self.slots = new
        self.cycles += 1
        await FallingEdge(dut.clk)

    def random_operands(self, generator) -> tuple[list[int], list[int]]:
        mode = generator.random()
        if mode < 0.1:
            return ([generator.choice([self.a_min, self.a_max])] * self.n,
                    [generator.choice([self.b_min, self.b_max])] * self.n)
        if mode < 0.3:
            return ([generator.choice([self.a_min, self.a_max, -1, 0, 1]) for _ in range(self.n)],
                    [generator.choice([self.b_min, self.b_max, -1, 0, 1]) for _ in range(self.n)])
        return ([generator.randint(self.a_min, self.a_max) for _ in range(self.n)],
                [generator.randint(self.b_min, self.b_max) for _ in range(self.n)])


@cocotb.test(timeout_time=50, timeout_unit="us")
async def latency_and_corners(dut):
    bench = Bench(dut)
    n = bench.n
    await bench.start()
    await bench.cycle()
    # A single result appears exactly `latency` cycles later.
    await bench.cycle(valid=1, a=[1] * n, b=[1] * n)
    for _ in range(bench.latency + 1):
        await bench.cycle()
    cases = [([bench.a_min] * n, [bench.b_min] * n), ([bench.a_max] * n, [bench.b_max] * n),
             ([bench.a_min] * n, [bench.b_max] * n), ([bench.a_max] * n, [bench.b_min] * n),
             ([bench.a_min if i % 2 else bench.a_max for i in range(n)], [bench.b_min] * n),
             ([-1] * n, [bench.b_min] * n)]
    cases += [([bench.a_min if i == hot else 0 for i in range(n)], [bench.b_min] * n) for hot in range(n)]
    cases += [([bench.a_max] * n, [bench.b_min if i == hot else 1 for i in range(n)]) for hot in range(n)]
    for a, b in cases:
        await bench.cycle(valid=1, a=a, b=b)
    for _ in range(bench.latency + 1):
        await bench.cycle()
    for a, b in cases[:6]:
        await bench.cycle(valid=1, a=a, b=b)
        for _ in range(bench.latency + 1):
            await bench.cycle(valid=0, a=[bench.a_max] * n, b=[bench.b_max] * n)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1200):
        a, b = bench.random_operands(generator)
        rst_n = 0 if index in (500, 900, 901) else 1
        await bench.cycle(valid=int(generator.random() < 0.7), a=a, b=b, rst_n=rst_n)
    for _ in range(bench.latency + 1):
        await bench.cycle()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def inputs_taken_on_rising_edge_only(dut):
    # Inputs change just after each rising edge and hold over the falling edge: a design that
    # samples any of them on the falling edge delivers its results a cycle early.
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for _ in range(300):
        a, b = bench.random_operands(generator)
        await RisingEdge(dut.clk)
        await settle()
        await bench.cycle(valid=int(generator.random() < 0.7), a=a, b=b)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "a", "b"), outputs=("out_valid", "out_data"))
