"""Tests for pipe_normalize_rebalance: a two-stage model checks every output after every rising edge
(a leading one at every position with full and empty tails, zero, reset with values in flight,
random values of every magnitude)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

WIDTH = 24
LATENCY = 2
OUTPUTS = ("out_valid", "zero", "exponent", "mantissa")


def normalize(acc: int) -> tuple[int, int, int]:
    if acc == 0:
        return 1, 0, 0
    p = acc.bit_length() - 1
    return 0, p, ((acc << (WIDTH - 1 - p)) >> 16) & 0xFF


class Model:
    def __init__(self) -> None:
        self.in_flight = [(0, *normalize(0))] * LATENCY

    def step(self, rst_n: int, in_valid: int, acc: int) -> None:
        if not rst_n:
            self.in_flight = [(0, *normalize(0))] * LATENCY
            return
        self.in_flight = [(in_valid, *normalize(acc))] + self.in_flight[:-1]


async def cycle(dut, model: Model, acc: int, in_valid: int = 1, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.in_valid.value, dut.acc.value = rst_n, in_valid, acc
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, acc)
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    expected = model.in_flight[-1]
    assert got == expected, (f"after edge with rst_n={rst_n} in_valid={in_valid} acc={acc:#08x}: got "
                             f"{dict(zip(OUTPUTS, got))}, expected {dict(zip(OUTPUTS, expected))} "
                             f"(from acc of {LATENCY} edges earlier)")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, (1 << WIDTH) - 1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def leading_one_at_every_position(dut):
    model = await start(dut)
    for p in range(WIDTH):
        for tail in (0, (1 << p) - 1, 0x5A5A5A & ((1 << p) - 1), 1 if p else 0):
            await cycle(dut, model, (1 << p) | tail)
    await cycle(dut, model, 0)
    await cycle(dut, model, (1 << WIDTH) - 1)
    await cycle(dut, model, 0, in_valid=0)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, 0x800000, in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_drops_values_in_flight(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2):
        for _ in range(3):
            await cycle(dut, model, generator.randrange(1, 1 << WIDTH))
        for _ in range(hold):
            await cycle(dut, model, generator.randrange(1, 1 << WIDTH), rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, generator.randrange(1 << WIDTH), in_valid=0)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_values_of_every_magnitude(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(2000):
        bits = generator.randint(0, WIDTH)
        await cycle(dut, model, generator.randrange(1 << bits) if bits else 0,
                    in_valid=int(generator.random() < 0.7), rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "acc"), outputs=OUTPUTS)
