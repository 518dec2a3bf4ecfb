"""Tests for adder_tree: reset values, extreme inputs (every element at the minimum or maximum, so
the sum needs the full output width), one-hot and alternating patterns, back-to-back sums, bubbles
with the output held, seeded random data and valid, and reset in mid-run (in-flight sums dropped).
out_valid and out_data are compared with a cycle-accurate Python model (latency $clog2(N)) on every
cycle. Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.n = int(dut.N.value)
        self.width = int(dut.WIDTH.value)
        self.levels = (self.n - 1).bit_length()
        assert len(dut.in_data) == self.n * self.width
        assert len(dut.out_data) == self.width + self.levels
        self.low, self.high = -(1 << (self.width - 1)), (1 << (self.width - 1)) - 1
        self.slots = [(0, 0)] * self.levels  # (valid, sum) held by each register level
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.in_data.value = pack([self.low] * self.n, self.width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.slots = [(0, 0)] * self.levels

    async def cycle(self, valid: int = 0, data: list[int] | None = None, rst_n: int = 1) -> None:
        dut = self.dut
        data = data if data is not None else [0] * self.n
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.in_data.value = pack(data, self.width)
        await settle()
        got = (read_int(dut.out_valid), read_int(dut.out_data, signed=True))
        expected = self.slots[-1]
        assert got == expected, (
            f"cycle {self.cycles}: out_valid/out_data={got}, expected {expected} "
            f"(inputs rst_n={rst_n} in_valid={valid} in_data={data})")
        if not rst_n:
            self.slots = [(0, 0)] * self.levels
        else:
            incoming = (valid, sum(data))
            new = []
            for old in self.slots:
                new.append((incoming[0], incoming[1] if incoming[0] else old[1]))
                incoming = old
            self.slots = new
        self.cycles += 1
        await FallingEdge(dut.clk)

    def random_vector(self, generator) -> list[int]:
        mode = generator.random()
        if mode < 0.1:
            return [generator.choice([self.low, self.high])] * self.n
        if mode < 0.3:
            return [generator.choice([self.low, self.high, -1, 0, 1]) for _ in range(self.n)]
        return [generator.randint(self.low, self.high) for _ in range(self.n)]


@cocotb.test(timeout_time=50, timeout_unit="us")
async def directed(dut):
    bench = Bench(dut)
    n, low, high = bench.n, bench.low, bench.high
    await bench.start()
    await bench.cycle()
    vectors = [[low] * n, [high] * n, [low if i % 2 else high for i in range(n)], [-1] * n,
               [high if i % 2 else low for i in range(n)], list(range(n)) if n <= high else [1] * n]
    vectors += [[low if i == hot else 0 for i in range(n)] for hot in range(n)]
    vectors += [[high if i == hot else -1 for i in range(n)] for hot in range(n)]
    # Back to back.
    for vector in vectors:
        await bench.cycle(valid=1, data=vector)
    for _ in range(bench.levels + 1):
        await bench.cycle()
    # Spaced out, with garbage data while invalid: the output holds its last valid sum.
    for vector in vectors[:6]:
        await bench.cycle(valid=1, data=vector)
        for _ in range(bench.levels + 1):
            await bench.cycle(valid=0, data=[high] * n)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1200):
        rst_n = 0 if index in (500, 900, 901) else 1
        await bench.cycle(valid=int(generator.random() < 0.7), data=bench.random_vector(generator), rst_n=rst_n)
    for _ in range(bench.levels + 1):
        await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "in_data"), outputs=("out_valid", "out_data"))
