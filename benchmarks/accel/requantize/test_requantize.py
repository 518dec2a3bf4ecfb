"""Tests for requantize: cycle-by-cycle comparison with a Python model of the registered
requantizer (round-half-up, zero point, int8 saturation), with directed rounding ties, saturation
edges, idle cycles, and resets in the middle of a stream."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock

ACC_MIN, ACC_MAX = -(1 << 31), (1 << 31) - 1


def requantize(acc: int, mult: int, shift: int, zero_point: int) -> int:
    product = acc * mult
    if shift > 0:
        product += 1 << (shift - 1)
    value = (product >> shift) + zero_point  # Python's >> floors like an arithmetic shift
    return max(-128, min(127, value))


class Model:
    def __init__(self) -> None:
        self.out_valid = 0
        self.result = 0

    def clock(self, rst_n: int, in_valid: int, acc: int, mult: int, shift: int,
              zero_point: int) -> None:
        if not rst_n:
            self.out_valid, self.result = 0, 0
        elif in_valid:
            self.out_valid, self.result = 1, requantize(acc, mult, shift, zero_point)
        else:
            self.out_valid = 0


IDLE = dict(rst_n=1, in_valid=0, acc=0, mult=0, shift=0, zero_point=0)


def beat(acc: int, mult: int, shift: int, zero_point: int) -> dict:
    return dict(rst_n=1, in_valid=1, acc=acc, mult=mult, shift=shift, zero_point=zero_point)


async def start(dut, model: Model) -> None:
    """Start the clock and hold reset for two cycles, checking the reset values."""
    start_clock(dut)
    await FallingEdge(dut.clk)
    # Before the first reset edge the registers are still unknown: check only after it.
    await step(dut, model, dict(IDLE, rst_n=0), check_before=False)
    await step(dut, model, dict(IDLE, rst_n=0))


async def step(dut, model: Model, inputs: dict, check_before: bool = True) -> None:
    """Drive one cycle's inputs on the falling edge and check the registered outputs twice:
    just after the new inputs settle (unchanged) and at the next falling edge (updated)."""
    for name, value in inputs.items():
        getattr(dut, name).value = value
    # The outputs are registered: new inputs must not change them before the clock edge.
    await settle()
    if check_before:
        check_outputs(dut, model, inputs, "before the edge")
    await FallingEdge(dut.clk)
    model.clock(**inputs)
    check_outputs(dut, model, inputs, "after the edge")


def check_outputs(dut, model: Model, inputs: dict, when: str) -> None:
    got = (read_int(dut.out_valid), read_int(dut.result, signed=True))
    expected = (model.out_valid, model.result)
    shown = {k: v for k, v in inputs.items()}
    assert got == expected, (
        f"{when}, inputs {shown}: got out_valid={got[0]} result={got[1]}, "
        f"expected out_valid={expected[0]} result={expected[1]}"
    )


def in_range_beat(generator) -> dict:
    """Operands whose scaled value mostly lands near the int8 range, so rounding is visible."""
    mult = generator.choice([generator.randint(1, 0xFFFF), generator.randint(0x8000, 0xFFFF),
                             generator.randint(1, 255)])
    shift = generator.randint(0, 31)
    bound = max(1, min(ACC_MAX, (300 << shift) // mult))
    acc = generator.randint(-bound, bound)
    return beat(acc, mult, shift, generator.randint(-128, 127))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def rounding_ties(dut):
    model = Model()
    await start(dut, model)
    # p / 2^shift exactly halfway between two integers, both signs, with and without zero point.
    for shift in (1, 2, 3, 5, 8, 15, 16, 24, 31):
        for numerator in (1, 3, 5, 7, 201, 253, 255, 257):
            for sign in (1, -1):
                target = sign * numerator * (1 << (shift - 1))
                for mult in (1, 2, 0x8000):
                    if target % mult == 0 and ACC_MIN <= target // mult <= ACC_MAX:
                        for zero_point in (0, -3):
                            await step(dut, model, beat(target // mult, mult, shift, zero_point))
    # Just below and just above a half, and shift == 0 (no rounding).
    for acc in (-13, -12, -11, -5, -4, -3, -1, 0, 1, 3, 4, 5, 11, 12, 13):
        for shift in (0, 1, 2, 3):
            await step(dut, model, beat(acc, 1, shift, 0))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def saturation_edges(dut):
    model = Model()
    await start(dut, model)
    cases = [
        (127, 1, 0, 0), (128, 1, 0, 0), (-128, 1, 0, 0), (-129, 1, 0, 0),
        (100, 1, 0, 27), (100, 1, 0, 28), (-100, 1, 0, -28), (-100, 1, 0, -29),
        (ACC_MAX, 0xFFFF, 0, 0), (ACC_MIN, 0xFFFF, 0, 0), (ACC_MAX, 0xFFFF, 31, 0),
        (ACC_MIN, 0xFFFF, 31, 0), (ACC_MIN, 0xFFFF, 31, -128), (ACC_MAX, 0xFFFF, 31, 127),
        (ACC_MIN, 1, 31, 0), (ACC_MAX, 1, 31, 0), (ACC_MIN, 0x8000, 16, 0),
        (256, 1, 0, 0), (-256, 1, 0, 0), (384, 1, 0, 0), (-384, 1, 0, 0),
        (0x100, 1, 0, -1), (0x1_0000_0080 >> 8, 1, 0, 0), (65535, 0xFFFF, 24, 0),
        (1 << 24, 0xFFFF, 31, 0), (-(1 << 24), 0xFFFF, 31, 0), (0, 0xFFFF, 0, -128),
        (0, 0, 5, 127), (ACC_MIN, 0, 0, 5), (254, 1, 1, 0), (255, 1, 1, 0), (-257, 1, 1, 0),
        (-258, 1, 1, 0), (-259, 1, 1, 0), (200, 0x8001, 15, 0), (-200, 0xC000, 15, 0),
    ]
    for acc, mult, shift, zero_point in cases:
        await step(dut, model, beat(acc, mult, shift, zero_point))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_stream_with_idles(dut):
    model = Model()
    await start(dut, model)
    generator = rng()
    for _ in range(1200):
        kind = generator.random()
        if kind < 0.2:
            # Idle cycle with garbage data: outputs must not take it.
            idle = dict(IDLE, acc=generator.randint(ACC_MIN, ACC_MAX),
                        mult=generator.randint(0, 0xFFFF), shift=generator.randint(0, 31),
                        zero_point=generator.randint(-128, 127))
            await step(dut, model, idle)
        elif kind < 0.35:
            await step(dut, model, beat(generator.randint(ACC_MIN, ACC_MAX),
                                        generator.randint(0, 0xFFFF), generator.randint(0, 31),
                                        generator.randint(-128, 127)))
        else:
            await step(dut, model, in_range_beat(generator))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    model = Model()
    await start(dut, model)
    generator = rng()
    for _ in range(5):
        for _ in range(generator.randint(3, 12)):
            await step(dut, model, in_range_beat(generator))
        # Reset while a valid input is presented: reset wins, the input is dropped.
        await step(dut, model, dict(in_range_beat(generator), rst_n=0))
        await step(dut, model, IDLE)
        await step(dut, model, in_range_beat(generator))
        await step(dut, model, IDLE)
        await step(dut, model, dict(IDLE, rst_n=0))
        await step(dut, model, IDLE)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "acc", "mult", "shift", "zero_point"),
        outputs=("out_valid", "result"))
