"""Tests for dot_product: a cycle-accurate model checks out_valid and result after every rising edge
(extreme elements, per-lane pairing, latency, hold between results, reset with pairs in flight,
random traffic with garbage on idle cycles)."""

import cocotb
from cocotb.triggers import FallingEdge, RisingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock

N = 4
DMIN, DMAX = -128, 127
LATENCY = 2


def pack(values: list[int]) -> int:
    return sum((v & 0xFF) << (8 * i) for i, v in enumerate(values))


class Model:
    def __init__(self) -> None:
        self.in_flight = [None] * (LATENCY - 1)  # dot products accepted but not yet visible
        self.out_valid = 0
        self.result = 0

    def step(self, rst_n: int, in_valid: int, a: list[int], b: list[int]) -> None:
        if not rst_n:
            self.in_flight = [None] * (LATENCY - 1)
            self.out_valid, self.result = 0, 0
            return
        leaving = self.in_flight[-1]
        entering = sum(x * y for x, y in zip(a, b)) if in_valid else None
        self.in_flight = [entering] + self.in_flight[:-1]
        self.out_valid = int(leaving is not None)
        if leaving is not None:
            self.result = leaving


def drive(dut, a: list[int], b: list[int], in_valid: int, rst_n: int) -> None:
    dut.rst_n.value = rst_n
    dut.in_valid.value = in_valid
    dut.a.value = pack(a)
    dut.b.value = pack(b)


def check(dut, model: Model, context: str) -> None:
    got = (read_int(dut.out_valid), read_int(dut.result, signed=True))
    expected = (model.out_valid, model.result)
    assert got == expected, f"{context}: got (out_valid, result)={got}, expected {expected}"


async def cycle(dut, model: Model, a: list[int], b: list[int], in_valid=1, rst_n=1) -> None:
    drive(dut, a, b, in_valid, rst_n)
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, a, b)
    check(dut, model, f"after edge with rst_n={rst_n} in_valid={in_valid} a={a} b={b}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, [0] * N, [0] * N, in_valid=0, rst_n=0)
    return model


def vec(generator) -> list[int]:
    return [generator.randint(DMIN, DMAX) for _ in range(N)]


@cocotb.test(timeout_time=100, timeout_unit="us")
async def extremes_and_pairing(dut):
    model = await start(dut)
    pairs = [
        ([DMIN] * 4, [DMIN] * 4),
        ([DMIN] * 4, [DMAX] * 4),
        ([DMAX] * 4, [DMAX] * 4),
        ([1, 0, 0, 0], [5, 7, 11, 13]),
        ([0, 1, 0, 0], [5, 7, 11, 13]),
        ([0, 0, 1, 0], [5, 7, 11, 13]),
        ([0, 0, 0, 1], [5, 7, 11, 13]),
        ([1, 2, 3, 4], [10, 20, 30, 40]),
        ([-1, -1, -1, -1], [1, -1, 1, -1]),
        ([DMAX, DMIN, 3, -7], [-2, -2, 100, 19]),
        ([0, 0, 0, 0], [DMIN, DMIN, DMIN, DMIN]),
    ]
    for a, b in pairs:
        await cycle(dut, model, a, b)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, [9, 9, 9, 9], [9, 9, 9, 9], in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def latency_and_hold(dut):
    model = await start(dut)
    generator = rng()
    for gap in range(5):
        await cycle(dut, model, vec(generator), vec(generator), in_valid=1)
        for _ in range(gap):
            # idle cycles carry garbage that must not reach result
            await cycle(dut, model, vec(generator), vec(generator), in_valid=0)
    for _ in range(LATENCY + 2):
        await cycle(dut, model, vec(generator), vec(generator), in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2):
        for _ in range(3):
            await cycle(dut, model, [DMIN, 50, 60, 70], [DMIN, 1, 1, 1])
        for _ in range(hold):
            await cycle(dut, model, vec(generator), vec(generator), in_valid=1, rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, vec(generator), vec(generator), in_valid=0)
    await cycle(dut, model, [3, 3, 3, 3], [3, 3, 3, 3])
    await cycle(dut, model, vec(generator), vec(generator), in_valid=0, rst_n=0)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, vec(generator), vec(generator), in_valid=0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        await cycle(
            dut,
            model,
            vec(generator),
            vec(generator),
            in_valid=int(generator.random() < 0.6),
            rst_n=0 if generator.random() < 0.01 else 1,
        )


@cocotb.test(timeout_time=100, timeout_unit="us")
async def inputs_taken_on_rising_edge_only(dut):
    # Inputs change just after a rising edge and hold over the falling edge: a design that
    # samples any of them on the falling edge delivers a dot product a cycle early.
    model = await start(dut)
    generator = rng()
    for _ in range(300):
        a, b, in_valid = vec(generator), vec(generator), int(generator.random() < 0.6)
        await RisingEdge(dut.clk)
        await settle()
        drive(dut, a, b, in_valid, rst_n=1)
        await FallingEdge(dut.clk)
        check(dut, model, f"half a cycle after driving in_valid={in_valid} a={a} b={b}")
        model.step(1, in_valid, a, b)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "a", "b"), outputs=("out_valid", "result"))
