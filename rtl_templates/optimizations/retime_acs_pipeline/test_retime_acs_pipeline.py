"""Tests for retime_acs_pipeline: a two-stage model checks survivor and from_b after every rising
edge (ties, carries out of 8 bits, reset with operands in flight, random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

LATENCY = 2
INPUTS = ("metric_a", "branch_a", "metric_b", "branch_b")


def add_compare_select(metric_a: int, branch_a: int, metric_b: int, branch_b: int) -> tuple[int, int]:
    a, b = metric_a + branch_a, metric_b + branch_b
    return (b, 1) if b < a else (a, 0)


class Model:
    """The results in flight after each edge, the oldest last."""

    def __init__(self) -> None:
        self.in_flight = [(0, 0)] * LATENCY

    def step(self, rst_n: int, operands: tuple[int, ...]) -> None:
        self.in_flight = [(0, 0)] * LATENCY if not rst_n else [add_compare_select(*operands), *self.in_flight[:-1]]


async def cycle(dut, model: Model, operands: tuple[int, ...], rst_n: int = 1) -> None:
    dut.rst_n.value = rst_n
    for name, value in zip(INPUTS, operands):
        getattr(dut, name).value = value
    await FallingEdge(dut.clk)
    model.step(rst_n, operands)
    got = (read_int(dut.survivor), read_int(dut.from_b))
    assert got == model.in_flight[-1], (f"after edge with rst_n={rst_n} operands={operands}: "
                                        f"got (survivor, from_b)={got}, expected {model.in_flight[-1]}")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, (255, 255, 1, 1), rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def ties_and_carries(dut):
    model = await start(dut)
    cases = [(0, 0, 0, 0), (1, 0, 0, 1), (255, 255, 255, 255), (255, 255, 255, 254), (255, 254, 255, 255),
             (255, 1, 0, 255), (0, 255, 255, 1), (128, 128, 255, 0), (255, 0, 128, 128), (200, 100, 100, 199),
             (100, 199, 200, 100), (7, 3, 5, 5), (0, 1, 1, 0)]
    for operands in cases:
        await cycle(dut, model, operands)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, (0, 0, 255, 255))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_drops_operands_in_flight(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2):
        for _ in range(3):
            await cycle(dut, model, tuple(generator.randrange(256) for _ in INPUTS))
        for _ in range(hold):
            await cycle(dut, model, (255, 255, 1, 1), rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, (9, 9, 3, 3))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        operands = tuple(generator.randrange(256) for _ in INPUTS)
        if generator.random() < 0.2:  # path b's sum equal to path a's, or one more
            total = operands[0] + operands[1]
            metric_b = generator.randrange(max(0, total - 255), min(255, total) + 1)
            operands = (*operands[:2], metric_b, min(255, total - metric_b + generator.randrange(2)))
        await cycle(dut, model, operands, rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=INPUTS, outputs=("survivor", "from_b"))
