"""Tests for vector_alu: every operation on every pair of corner values (minimum, maximum, zero,
plus and minus one, the sign boundary) spread over the lanes, saturation in both directions with
its flag, the register stage and valid, y/sat held while in_valid is low, reset values,
seeded random operations and operands, and reset in mid-run. out_valid, every lane of y and every
sat bit are compared with a Python model on every cycle. Parameters (LANES, WIDTH, SIGNED) are read
from the design."""

import itertools

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, settle, start_clock, to_signed

ADD, SUB, MIN, MAX, AND, OR, XOR, SADD = range(8)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.lanes = int(dut.LANES.value)
        self.width = int(dut.WIDTH.value)
        self.signed = int(dut.SIGNED.value) != 0
        assert len(dut.y) == self.lanes * self.width and len(dut.sat) == self.lanes
        if self.signed:
            self.low, self.high = -(1 << (self.width - 1)), (1 << (self.width - 1)) - 1
        else:
            self.low, self.high = 0, (1 << self.width) - 1
        self.state = (0, [0] * self.lanes, [0] * self.lanes)  # out_valid, y, sat
        self.cycles = 0

    def corners(self) -> list[int]:
        half = 1 << (self.width - 1)
        values = {self.low, self.low + 1, self.high - 1, self.high, 0, 1}
        values |= {-1} if self.signed else {half - 1, half}
        return sorted(v for v in values if self.low <= v <= self.high)

    def value(self, word: int) -> int:
        return to_signed(word, self.width) if self.signed else word & ((1 << self.width) - 1)

    def model(self, op: int, a: int, b: int) -> tuple[int, int]:
        mask = (1 << self.width) - 1
        ua, ub = a & mask, b & mask
        if op == ADD:
            return self.value(ua + ub), 0
        if op == SUB:
            return self.value(ua - ub), 0
        if op == MIN:
            return min(a, b), 0
        if op == MAX:
            return max(a, b), 0
        if op == AND:
            return self.value(ua & ub), 0
        if op == OR:
            return self.value(ua | ub), 0
        if op == XOR:
            return self.value(ua ^ ub), 0
        exact = a + b
        if exact > self.high:
            return self.high, 1
        if exact < self.low:
            return self.low, 1
        return exact, 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.op.value = SADD
        dut.a.value = pack([self.high] * self.lanes, self.width)
        dut.b.value = pack([self.high] * self.lanes, self.width)
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.state = (0, [0] * self.lanes, [0] * self.lanes)

    def outputs(self):
        y_word, sat_word = read_int(self.dut.y), read_int(self.dut.sat)
        return (read_int(self.dut.out_valid),
                [self.value(y_word >> (i * self.width)) for i in range(self.lanes)],
                [(sat_word >> i) & 1 for i in range(self.lanes)])

    async def cycle(self, valid: int = 0, op: int = 0, a: list[int] | None = None, b: list[int] | None = None,
                    rst_n: int = 1) -> None:
        dut = self.dut
        a = a if a is not None else [0] * self.lanes
        b = b if b is not None else [0] * self.lanes
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.op.value = op
        dut.a.value = pack(a, self.width)
        dut.b.value = pack(b, self.width)
        await settle()
        got = self.outputs()
        assert got == self.state, (
            f"cycle {self.cycles}: (out_valid, y, sat)={got}, expected {self.state} "
            f"(inputs rst_n={rst_n} in_valid={valid} op={op} a={a} b={b})")
        if not rst_n:
            self.state = (0, [0] * self.lanes, [0] * self.lanes)
        elif valid:
            results = [self.model(op, x, y) for x, y in zip(a, b)]
            self.state = (1, [r[0] for r in results], [r[1] for r in results])
        else:
            self.state = (0, self.state[1], self.state[2])
        self.cycles += 1
        await FallingEdge(dut.clk)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def corner_pairs_every_op(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    pairs = list(itertools.product(bench.corners(), repeat=2))
    for op in range(8):
        for start in range(0, len(pairs), bench.lanes):
            chunk = pairs[start:start + bench.lanes]
            chunk += [chunk[0]] * (bench.lanes - len(chunk))
            await bench.cycle(valid=1, op=op, a=[p[0] for p in chunk], b=[p[1] for p in chunk])
        # Outputs hold while invalid, whatever the inputs do.
        await bench.cycle(valid=0, op=SADD, a=[bench.high] * bench.lanes, b=[bench.high] * bench.lanes)
        await bench.cycle(valid=0, op=ADD)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    corners = bench.corners()

    def operand():
        if generator.random() < 0.3:
            return generator.choice(corners)
        return generator.randint(bench.low, bench.high)

    for index in range(1000):
        rst_n = 0 if index in (400, 401, 800) else 1
        await bench.cycle(valid=int(generator.random() < 0.75), op=generator.randrange(8),
                          a=[operand() for _ in range(bench.lanes)], b=[operand() for _ in range(bench.lanes)],
                          rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "op", "a", "b"),
        outputs=("out_valid", "y", "sat"))
