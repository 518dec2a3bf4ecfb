"""Tests for pipe_requant_rebalance: a two-stage model checks out_valid and y after every rising edge
(rounding ties, saturation at both ends, bubbles, held output, reset with operands in flight,
random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

LATENCY = 2


def requantize(a: int, b: int, bias: int) -> int:
    return max(-128, min(127, (a * b + bias + 8) // 16))


class Model:
    """The results in flight after each edge; y holds the last result that arrived."""

    def __init__(self) -> None:
        self.in_flight = [(0, 0)] * LATENCY
        self.out_valid = 0
        self.y = 0

    def step(self, rst_n: int, in_valid: int, a: int, b: int, bias: int) -> None:
        if not rst_n:
            self.in_flight = [(0, 0)] * LATENCY
            self.out_valid, self.y = 0, 0
            return
        self.in_flight = [(in_valid, requantize(a, b, bias))] + self.in_flight[:-1]
        self.out_valid, result = self.in_flight[-1]
        if self.out_valid:
            self.y = result


async def cycle(dut, model: Model, a: int, b: int, bias: int, in_valid: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.in_valid.value = rst_n, in_valid
    dut.a.value, dut.b.value, dut.bias.value = a, b, bias
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, a, b, bias)
    got = (read_int(dut.out_valid), read_int(dut.y, signed=True))
    expected = (model.out_valid, model.y)
    assert got == expected, (f"after edge with rst_n={rst_n} in_valid={in_valid} a={a} b={b} bias={bias}: "
                             f"got (out_valid, y)={got}, expected {expected}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, 0, 0, 0, in_valid=1, rst_n=0)
    return model


def random_operands(generator) -> tuple[int, int, int]:
    return generator.randint(-128, 127), generator.randint(-8, 7), generator.randint(-32768, 32767)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def rounding_and_saturation(dut):
    model = await start(dut)
    cases = [
        (0, 0, 7), (0, 0, 8), (0, 0, 9), (0, 0, -8), (0, 0, -9), (0, 0, -24), (0, 0, -25),
        (1, 1, 7), (3, 5, -7), (-1, 7, 1), (-1, 7, 0), (1, -8, 0), (1, -8, -1), (2, -4, 0),
        (127, 7, 0), (-128, -8, 0), (-128, 7, 0), (127, -8, 0), (-1, -1, 7), (-1, -1, 6),
        (-128, -8, 32767), (-128, 7, -32768), (0, 0, 32767), (0, 0, -32768),
        (0, 0, 127 * 16 - 8), (0, 0, 127 * 16 - 9), (0, 0, -128 * 16 - 8), (0, 0, -128 * 16 - 9),
        (16, 4, 1960), (16, 4, 1959), (-16, 4, -1992), (-16, 4, -1993), (127, 7, 1151), (127, 7, 1150),
    ]
    for a, b, bias in cases:
        await cycle(dut, model, a, b, bias)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, 127, 7, 32767, in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def bubbles_hold_the_output(dut):
    model = await start(dut)
    generator = rng()
    for gap in range(5):
        await cycle(dut, model, *random_operands(generator))
        for _ in range(gap):
            await cycle(dut, model, *random_operands(generator), in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_drops_operands_in_flight(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2):
        for _ in range(3):
            await cycle(dut, model, *random_operands(generator))
        for _ in range(hold):
            await cycle(dut, model, *random_operands(generator), rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, *random_operands(generator), in_valid=0)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(2000):
        a, b, bias = random_operands(generator)
        if generator.random() < 0.3:
            bias = generator.randint(-3000, 3000)
        await cycle(dut, model, a, b, bias, in_valid=int(generator.random() < 0.7),
                    rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "a", "b", "bias"), outputs=("out_valid", "y"))
