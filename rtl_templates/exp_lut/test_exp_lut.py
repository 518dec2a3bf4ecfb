"""Tests for exp_lut: the table is rebuilt by a bit-exact Python model of the RTL's integer
algorithm (Taylor series and square-and-multiply at 60 fraction bits) and checked to be correctly
rounded (within half an output LSB of math.exp) and non-increasing. The design is driven with an
ordered sweep of inputs from below the table range up to positive values (every input code when the
range is small, otherwise the codes around every table boundary), whose outputs must match the
model and be monotonically non-decreasing in x; then the most negative input, positive inputs,
seeded random inputs with random valid (outputs held while invalid), and reset in mid-run.
out_valid and y are compared with the model on every cycle. Parameters are read from the design."""

import itertools
import math

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock

PREC = 60


def exp_small(num: int, den_log2: int) -> int:
    """exp(-num / 2**den_log2) * 2**PREC, truncating Taylor series exactly as in the RTL."""
    term = 1 << PREC
    plus, minus = term, 0
    for k in range(1, 31):
        term = (term * num) // (k << den_log2)
        if k % 2:
            minus += term
        else:
            plus += term
    return plus - minus


def exp_entry(index: int, table_frac: int, out_frac: int) -> int:
    whole = index >> table_frac
    value = exp_small(index - (whole << table_frac), table_frac)
    power = exp_small(1, 0)
    for bit in range(16):
        if (whole >> bit) & 1:
            value = (value * power) >> PREC
        power = (power * power) >> PREC
    value = (value + (1 << (PREC - out_frac - 1))) >> (PREC - out_frac)
    return value & ((1 << (out_frac + 1)) - 1)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.in_width = int(dut.IN_WIDTH.value)
        self.in_frac = int(dut.IN_FRAC.value)
        self.table_bits = int(dut.TABLE_BITS.value)
        self.table_frac = int(dut.TABLE_FRAC.value)
        self.out_frac = int(dut.OUT_FRAC.value)
        assert len(dut.y) == self.out_frac + 1
        self.size = 1 << self.table_bits
        self.drop = self.in_frac - self.table_frac
        self.table = [exp_entry(i, self.table_frac, self.out_frac) for i in range(self.size)]
        self.x_min, self.x_max = -(1 << (self.in_width - 1)), (1 << (self.in_width - 1)) - 1
        self.state = (0, 0)
        self.cycles = 0

    def index(self, x: int) -> int:
        d = -x if x < 0 else 0
        if self.drop > 0:
            return (d + (1 << (self.drop - 1))) >> self.drop
        return d << -self.drop

    def model(self, x: int) -> int:
        i = self.index(x)
        return self.table[i] if i < self.size else 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.x.value = 0
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.state = (0, 0)

    async def cycle(self, valid: int = 0, x: int = 0, rst_n: int = 1) -> int:
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.x.value = x
        await settle()
        got = (read_int(dut.out_valid), read_int(dut.y))
        assert got == self.state, (
            f"cycle {self.cycles}: (out_valid, y)={got}, expected {self.state} "
            f"(inputs rst_n={rst_n} in_valid={valid} x={x})")
        if not rst_n:
            self.state = (0, 0)
        elif valid:
            self.state = (1, self.model(x))
        else:
            self.state = (0, self.state[1])
        self.cycles += 1
        await FallingEdge(dut.clk)
        return got[1]

    def sweep_inputs(self) -> list[int]:
        """Inputs in increasing order covering every table entry, its boundaries and beyond."""
        step = 1 << max(self.drop, 0)                    # input codes per table entry
        span = (self.size + 2) * step                    # a little past the end of the table
        if span <= 6000:
            magnitudes = set(range(span + 1))
        else:
            magnitudes = set()
            for i in range(self.size + 2):
                centre = i * step
                edge = centre - step // 2                # lowest magnitude rounding to index i
                magnitudes |= {centre, edge - 1, edge, edge + 1}
        magnitudes = {m for m in magnitudes if 0 <= m <= -self.x_min}
        return sorted({-m for m in magnitudes} | {0, 1, self.x_max})


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def table_model_and_monotonic_sweep(dut):
    bench = Bench(dut)
    table, scale = bench.table, 1 << bench.out_frac
    # The model table: entry 0 is exactly 1.0, every entry within one LSB of exp, non-increasing.
    assert table[0] == scale
    for i, entry in enumerate(table):
        exact = math.exp(-i / (1 << bench.table_frac)) * scale
        assert abs(entry - exact) <= 0.5 + 1e-6, f"table[{i}]={entry}, exp gives {exact}"
    assert all(a >= b for a, b in itertools.pairwise(table)), "table is not non-increasing"
    await bench.start()
    await bench.cycle()
    inputs = bench.sweep_inputs()
    seen = []  # seen[k + 1] is the registered result for inputs[k]
    for x in inputs:
        seen.append(await bench.cycle(valid=1, x=x))
    seen.append(await bench.cycle())
    results = seen[1:]
    for k in range(1, len(results)):
        assert results[k] >= results[k - 1], (
            f"not monotonic: exp({inputs[k - 1]})={results[k - 1]} > exp({inputs[k]})={results[k]}")
    assert results[-1] == scale, "a non-negative input must give 1.0"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def extremes_random_and_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for x in (bench.x_min, bench.x_min + 1, -1, 0, 1, bench.x_max):
        await bench.cycle(valid=1, x=x)
        await bench.cycle(valid=0, x=bench.x_min)
    limit = (bench.size + 4) << max(bench.drop, 0)      # most random inputs land in the table
    for index in range(1500):
        if generator.random() < 0.8:
            x = -generator.randint(0, min(limit, -bench.x_min))
        else:
            x = generator.randint(bench.x_min, bench.x_max)
        rst_n = 0 if index in (700, 701, 1300) else 1
        await bench.cycle(valid=int(generator.random() < 0.75), x=x, rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "x"), outputs=("out_valid", "y"))
