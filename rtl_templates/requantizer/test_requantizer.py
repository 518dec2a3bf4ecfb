"""Tests for requantizer: exact rounding ties (positive and negative halves), every shift from 0 up
to the largest the port can carry (beyond the product width too), extreme accumulators, multipliers
and zero points, saturation at both ends with its flag, the register stage and valid, outputs held
while in_valid is low, seeded random operands spanning many magnitudes, and reset in mid-run.
out_valid, out_data and saturated are compared with an exact Python model on every cycle.
Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock


def requantize(acc: int, multiplier: int, shift: int, zero_point: int, out_width: int) -> tuple[int, int]:
    product = acc * multiplier
    scaled = (product + (1 << (shift - 1))) >> shift if shift else product   # floor shift: round half up
    value = scaled + zero_point
    high, low = (1 << (out_width - 1)) - 1, -(1 << (out_width - 1))
    if value > high:
        return high, 1
    if value < low:
        return low, 1
    return value, 0


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.in_width = int(dut.IN_WIDTH.value)
        self.mult_width = int(dut.MULT_WIDTH.value)
        self.shift_width = int(dut.SHIFT_WIDTH.value)
        self.out_width = int(dut.OUT_WIDTH.value)
        self.acc_min, self.acc_max = -(1 << (self.in_width - 1)), (1 << (self.in_width - 1)) - 1
        self.mult_max = (1 << self.mult_width) - 1
        self.shift_max = (1 << self.shift_width) - 1
        self.zp_min, self.zp_max = -(1 << (self.out_width - 1)), (1 << (self.out_width - 1)) - 1
        self.state = (0, 0, 0)  # out_valid, out_data, saturated
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.acc_in.value = self.acc_max
        dut.multiplier.value = self.mult_max
        dut.shift.value = 0
        dut.zero_point.value = self.zp_max
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.state = (0, 0, 0)

    async def cycle(self, valid: int = 0, acc: int = 0, multiplier: int = 0, shift: int = 0, zero_point: int = 0,
                    rst_n: int = 1) -> None:
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.in_valid.value = valid
        dut.acc_in.value = acc
        dut.multiplier.value = multiplier
        dut.shift.value = shift
        dut.zero_point.value = zero_point
        await settle()
        got = (read_int(dut.out_valid), read_int(dut.out_data, signed=True), read_int(dut.saturated))
        assert got == self.state, (
            f"cycle {self.cycles}: (out_valid, out_data, saturated)={got}, expected {self.state} "
            f"(inputs rst_n={rst_n} in_valid={valid} acc={acc} multiplier={multiplier} shift={shift} "
            f"zero_point={zero_point})")
        if not rst_n:
            self.state = (0, 0, 0)
        elif valid:
            self.state = (1, *requantize(acc, multiplier, shift, zero_point, self.out_width))
        else:
            self.state = (0, self.state[1], self.state[2])
        self.cycles += 1
        await FallingEdge(dut.clk)

    def clamp_acc(self, value: int) -> int:
        return max(self.acc_min, min(self.acc_max, value))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def rounding_and_corners(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    # Exact halves round up (towards +infinity), for both signs, with multiplier 1.
    for shift in range(1, min(bench.shift_max, bench.in_width - 1) + 1):
        half = 1 << (shift - 1)
        for base in (0, 1, 2, -1, -2, -3):
            for offset in (half - 1, half, half + 1) if shift > 1 else (half,):
                acc = bench.clamp_acc(base * (1 << shift) + offset)
                await bench.cycle(valid=1, acc=acc, multiplier=1, shift=shift)
    # Every shift value with extreme operands and zero points.
    accs = [bench.acc_min, bench.acc_min + 1, -1, 0, 1, bench.acc_max]
    mults = sorted({0, 1, bench.mult_max, (bench.mult_max + 1) // 2})
    zps = [bench.zp_min, -1, 0, 1, bench.zp_max]
    for shift in range(bench.shift_max + 1):
        for index, acc in enumerate(accs):
            for mult in mults:
                await bench.cycle(valid=1, acc=acc, multiplier=mult, shift=shift,
                                  zero_point=zps[(index + shift + mult) % len(zps)])
    # Outputs hold while invalid.
    await bench.cycle(valid=1, acc=bench.acc_max, multiplier=bench.mult_max, shift=0, zero_point=bench.zp_max)
    await bench.cycle(valid=0, acc=bench.acc_min, multiplier=bench.mult_max, shift=0, zero_point=bench.zp_min)
    await bench.cycle(valid=0)
    await bench.cycle()


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1500):
        # Accumulators of every magnitude, not only near full scale.
        bits = generator.randint(1, bench.in_width)
        acc = generator.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
        mult_bits = generator.randint(1, bench.mult_width)
        multiplier = generator.randint(0, (1 << mult_bits) - 1)
        # Shifts mostly around the point where the output lands in range.
        magnitude = max(0, bits + mult_bits - bench.out_width)
        if generator.random() < 0.8:
            shift = min(bench.shift_max, max(0, magnitude + generator.randint(-3, 3)))
        else:
            shift = generator.randint(0, bench.shift_max)
        zero_point = generator.randint(bench.zp_min, bench.zp_max) if generator.random() < 0.7 else 0
        rst_n = 0 if index in (600, 601, 1200) else 1
        await bench.cycle(valid=int(generator.random() < 0.75), acc=acc, multiplier=multiplier, shift=shift,
                          zero_point=zero_point, rst_n=rst_n)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "acc_in", "multiplier", "shift", "zero_point"),
        outputs=("out_valid", "out_data", "saturated"))
