"""Tests for pool_unit: for max pooling, the maximum in every position, duplicates, all-equal,
all-minimum and all-maximum windows; for average pooling, sums that land exactly on a half (the
round-half-up ties, for positive and negative averages), one above and one below, and the extremes;
then the register stage and valid, out_data held while in_valid is low, seeded random windows
with random valid, and reset in mid-run. out_valid and out_data are compared with a Python model
on every cycle. Parameters (MODE, WINDOW, WIDTH, SIGNED) are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.mode = int(dut.MODE.value)
        self.window = int(dut.WINDOW.value)
        self.width = int(dut.WIDTH.value)
        self.signed = int(dut.SIGNED.value) != 0
        assert len(dut.in_data) == self.window * self.width and len(dut.out_data) == self.width
        if self.signed:
            self.low, self.high = -(1 << (self.width - 1)), (1 << (self.width - 1)) - 1
        else:
            self.low, self.high = 0, (1 << self.width) - 1
        self.state = (0, 0)
        self.cycles = 0

    def model(self, values: list[int]) -> int:
        if self.mode == 0:
            return max(values)
        # floor(sum / WINDOW + 1/2), exact in integers.
        return (2 * sum(values) + self.window) // (2 * self.window)

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.in_data.value = pack([self.high] * self.window, self.width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.state = (0, 0)

    async def cycle(self, valid: int = 0, values: list[int] | None = None, rst_n: int = 1) -> None:
        dut = self.dut
        values = values if values is not None else [0] * self.window
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.in_data.value = pack(values, self.width)
        await settle()
        got = (read_int(dut.out_valid), read_int(dut.out_data, signed=self.signed))
        assert got == self.state, (
            f"cycle {self.cycles}: (out_valid, out_data)={got}, expected {self.state} "
            f"(inputs rst_n={rst_n} in_valid={valid} in_data={values})")
        if not rst_n:
            self.state = (0, 0)
        elif valid:
            self.state = (1, self.model(values))
        else:
            self.state = (0, self.state[1])
        self.cycles += 1
        await FallingEdge(dut.clk)

    def window_with_sum(self, total: int, generator) -> list[int] | None:
        """A window of in-range values with the given sum (None if impossible)."""
        if not self.window * self.low <= total <= self.window * self.high:
            return None
        values = [self.low] * self.window
        remaining = total - self.window * self.low
        order = list(range(self.window))
        generator.shuffle(order)
        for i in order:
            step = min(remaining, self.high - self.low)
            values[i] += step
            remaining -= step
        return values


@cocotb.test(timeout_time=100, timeout_unit="us")
async def directed(dut):
    bench = Bench(dut)
    generator = rng()
    n, low, high = bench.window, bench.low, bench.high
    await bench.start()
    await bench.cycle()
    windows = [[low] * n, [high] * n, [0] * n, [1] * n, [max(low, -1)] * n,
               [low if i % 2 else high for i in range(n)], [high if i % 2 else low for i in range(n)]]
    # Maximum (or a single large value) in every position, smaller values elsewhere.
    for hot in range(n):
        windows.append([high if i == hot else low for i in range(n)])
        windows.append([(low + high) // 2 + (1 if i == hot else 0) for i in range(n)])
        windows.append([low + (1 if i == hot else 0) for i in range(n)])
    # Average rounding: sums at q*W + r for r around W/2, positive and negative averages.
    centre = (low + high) // 2
    for q in sorted({low, low + 1, centre - 1, centre, centre + 1, high - 1, -1, 0, 1}):
        for r in sorted({0, 1, n // 2 - 1, n // 2, (n + 1) // 2, n - 1}):
            values = bench.window_with_sum(q * n + r, generator)
            if values is not None:
                windows.append(values)
    for values in windows:
        await bench.cycle(valid=1, values=values)
    # Outputs hold while invalid.
    for values in windows[:4]:
        await bench.cycle(valid=1, values=values)
        await bench.cycle(valid=0, values=[high] * n)
        await bench.cycle(valid=0, values=[low] * n)
    await bench.cycle()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1500):
        roll = generator.random()
        if roll < 0.15:
            values = [generator.choice([bench.low, bench.high]) for _ in range(bench.window)]
        elif roll < 0.3:
            base = generator.randint(bench.low, bench.high)
            values = [min(bench.high, max(bench.low, base + generator.randint(-2, 2))) for _ in range(bench.window)]
        else:
            values = [generator.randint(bench.low, bench.high) for _ in range(bench.window)]
        rst_n = 0 if index in (700, 701, 1200) else 1
        await bench.cycle(valid=int(generator.random() < 0.75), values=values, rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "in_data"), outputs=("out_valid", "out_data"))
