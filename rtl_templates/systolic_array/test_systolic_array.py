"""Tests for systolic_array: random signed matrix products C = A x B of random inner dimension, with
and without bubbles between k-steps, extreme operands (accumulator wrap-around), continuing a sum
without clear, clear alone, clear together with the first step, clear while busy, garbage operands
while in_valid is low, reset in mid-run, and inputs changing just after the rising edge. A
cycle-accurate Python model (step k reaches PE(i,j) i+j edges after it is sampled) is compared with
every accumulator and with busy on every cycle, and each finished product is also compared with a
plain matrix multiplication. Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock, to_signed


class Bench:
    def __init__(self, dut, drive_after_rising_edge: bool = False) -> None:
        self.dut = dut
        # Inputs normally change at the falling edge; driven just after the rising edge instead,
        # they are already there at the falling edge, where a stage clocked on it would take them.
        self.drive_after_rising_edge = drive_after_rising_edge
        self.rows = int(dut.ROWS.value)
        self.cols = int(dut.COLS.value)
        self.a_width = int(dut.A_WIDTH.value)
        self.w_width = int(dut.W_WIDTH.value)
        self.acc_width = int(dut.ACC_WIDTH.value)
        assert len(dut.acc) == self.rows * self.cols * self.acc_width
        self.a_min, self.a_max = -(1 << (self.a_width - 1)), (1 << (self.a_width - 1)) - 1
        self.w_min, self.w_max = -(1 << (self.w_width - 1)), (1 << (self.w_width - 1)) - 1
        self.acc = [[0] * self.cols for _ in range(self.rows)]
        self.pending: list[tuple[int, int, int, int]] = []  # (edge, row, col, product)
        self.edge = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.clear.value = 0
        dut.in_valid.value = 1
        dut.a_in.value = pack([self.a_min] * self.rows, self.a_width)
        dut.w_in.value = pack([self.w_min] * self.cols, self.w_width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)

    def read_acc(self) -> list[list[int]]:
        word = read_int(self.dut.acc)
        return [[to_signed(word >> ((i * self.cols + j) * self.acc_width), self.acc_width)
                 for j in range(self.cols)] for i in range(self.rows)]

    async def cycle(self, valid: int = 0, a_col: list[int] | None = None, w_row: list[int] | None = None,
                    clear: int = 0, rst_n: int = 1, generator=None) -> None:
        dut = self.dut
        if self.drive_after_rising_edge:
            await RisingEdge(dut.clk)
            await settle()
        if a_col is None:  # operands are don't-care: drive garbage when a generator is given
            a_col = [generator.randint(self.a_min, self.a_max) if generator else 0 for _ in range(self.rows)]
        if w_row is None:
            w_row = [generator.randint(self.w_min, self.w_max) if generator else 0 for _ in range(self.cols)]
        dut.rst_n.value = rst_n
        dut.clear.value = clear
        dut.in_valid.value = valid
        dut.a_in.value = pack(a_col, self.a_width)
        dut.w_in.value = pack(w_row, self.w_width)
        await settle()
        got_acc = self.read_acc()
        got_busy = read_int(dut.busy)
        expected_busy = int(any(edge >= self.edge for edge, _, _, _ in self.pending))
        context = f"edge {self.edge} (inputs rst_n={rst_n} clear={clear} in_valid={valid} a={a_col} w={w_row})"
        assert got_acc == self.acc, f"{context}: acc={got_acc}, expected {self.acc}"
        assert got_busy == expected_busy, f"{context}: busy={got_busy}, expected {expected_busy}"
        if not rst_n:
            self.acc = [[0] * self.cols for _ in range(self.rows)]
            self.pending = []
        else:
            if valid:
                self.pending += [(self.edge + i + j, i, j, a_col[i] * w_row[j])
                                 for i in range(self.rows) for j in range(self.cols)]
            if clear:
                self.acc = [[0] * self.cols for _ in range(self.rows)]
            for edge, i, j, product in self.pending:
                if edge == self.edge:
                    self.acc[i][j] = to_signed(self.acc[i][j] + product, self.acc_width)
            self.pending = [p for p in self.pending if p[0] > self.edge]
        self.edge += 1
        if not self.drive_after_rising_edge:
            await FallingEdge(dut.clk)

    async def drain(self, generator=None) -> None:
        for _ in range(self.rows + self.cols + 2):
            await self.cycle(generator=generator)
        assert not self.pending

    def random_matrices(self, generator, depth: int, extreme: float = 0.2):
        def value(low, high):
            if generator.random() < extreme:
                return generator.choice([low, high, -1, 0, 1])
            return generator.randint(low, high)
        a = [[value(self.a_min, self.a_max) for _ in range(depth)] for _ in range(self.rows)]
        w = [[value(self.w_min, self.w_max) for _ in range(self.cols)] for _ in range(depth)]
        return a, w

    async def multiply(self, a, w, generator=None, bubbles: float = 0.0, first_clear: bool = True,
                       base=None) -> None:
        """Stream A (rows x K) and B (K x cols), wait for busy to drop, compare with A x B (+ base)."""
        depth = len(w)
        for k in range(depth):
            while generator is not None and generator.random() < bubbles:
                await self.cycle(generator=generator)
            await self.cycle(valid=1, a_col=[a[i][k] for i in range(self.rows)], w_row=w[k],
                             clear=int(first_clear and k == 0))
        waited = 0
        while read_int(self.dut.busy):
            await self.cycle(generator=generator)
            waited += 1
            assert waited <= self.rows + self.cols, "busy stayed high too long"
        expected = [[to_signed(sum(a[i][k] * w[k][j] for k in range(depth)) + (base[i][j] if base else 0),
                               self.acc_width) for j in range(self.cols)] for i in range(self.rows)]
        got = self.read_acc()
        assert got == expected, f"A={a} B={w}: C={got}, expected {expected}"


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_products(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    await bench.cycle()
    for trial in range(40):
        depth = generator.randint(1, 2 * max(bench.rows, bench.cols) + 2)
        a, w = bench.random_matrices(generator, depth)
        await bench.multiply(a, w, generator=generator, bubbles=0.0 if trial % 3 == 0 else 0.3)
        for _ in range(generator.randint(0, 2)):
            await bench.cycle(generator=generator)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def directed(dut):
    bench = Bench(dut)
    rows, cols = bench.rows, bench.cols
    await bench.start()
    await bench.cycle()
    # Identity-like A picks rows of B.
    depth = max(rows, cols)
    a = [[1 if i == k else 0 for k in range(depth)] for i in range(rows)]
    w = [[(k * cols + j) % (bench.w_max + 1) - (j % 2) for j in range(cols)] for k in range(depth)]
    await bench.multiply(a, w)
    # Extreme operands accumulate to the largest magnitudes (and wrap for narrow accumulators).
    for a_value, w_value in ((bench.a_min, bench.w_min), (bench.a_min, bench.w_max), (bench.a_max, bench.w_max)):
        depth = 6
        await bench.multiply([[a_value] * depth for _ in range(rows)], [[w_value] * cols for _ in range(depth)])
    # Continue a sum without clear: the new product adds to the old result.
    a1 = [[(i + k) % 3 - 1 for k in range(3)] for i in range(rows)]
    w1 = [[(k - j) % 4 - 2 for j in range(cols)] for k in range(3)]
    await bench.multiply(a1, w1)
    before = bench.read_acc()
    await bench.multiply(a1, w1, first_clear=False, base=before)
    # Clear alone zeroes everything; then a one-step product.
    await bench.cycle(clear=1)
    await bench.cycle()
    assert bench.read_acc() == [[0] * cols for _ in range(rows)]
    await bench.multiply([[bench.a_max] for _ in range(rows)], [[bench.w_min] * cols], first_clear=False)
    # A single bubble pattern: one step every third cycle.
    a2 = [[max(bench.a_min, bench.a_max - i)] * 4 for i in range(rows)]
    w2 = [[min(bench.w_max, bench.w_min + j) for j in range(cols)] for _ in range(4)]
    for k in range(4):
        await bench.cycle(valid=1, a_col=[a2[i][k] for i in range(rows)], w_row=w2[k], clear=int(k == 0))
        await bench.cycle()
        await bench.cycle()
    await bench.drain()


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_control_with_reset(dut):
    """Unconstrained control: clear at any time (also while busy), bursts and gaps, resets."""
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(700):
        valid = int(generator.random() < 0.6)
        a_col, w_row = bench.random_matrices(generator, 1)
        await bench.cycle(valid=valid, a_col=[row[0] for row in a_col], w_row=w_row[0],
                          clear=int(generator.random() < 0.06),
                          rst_n=0 if index in (300, 301, 555) else 1, generator=generator)
    await bench.drain(generator)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def inputs_taken_on_rising_edge_only(dut):
    """Random control as above, inputs changing just after each rising edge: a skew stage that
    samples on the falling edge delivers its operand a cycle early."""
    bench = Bench(dut, drive_after_rising_edge=True)
    generator = rng()
    await bench.start()
    for _ in range(300):
        a_col, w_row = bench.random_matrices(generator, 1)
        await bench.cycle(valid=int(generator.random() < 0.6), a_col=[row[0] for row in a_col], w_row=w_row[0],
                          clear=int(generator.random() < 0.06), generator=generator)
    await bench.drain(generator)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("clear", "in_valid", "a_in", "w_in"),
        outputs=("acc", "busy"))
