"""Tests for adder_tree: a cycle-accurate model of the three-stage pipeline checks out_valid after
every rising edge and sum whenever out_valid is 1 (extremes, full throughput, bubbles, reset with
sets in flight, random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

N = 8
DATA_W = 8
SUM_W = DATA_W + 3
DMIN = -(1 << (DATA_W - 1))
DMAX = (1 << (DATA_W - 1)) - 1
LATENCY = 3


def pack(values: list[int]) -> int:
    return sum((v & ((1 << DATA_W) - 1)) << (i * DATA_W) for i, v in enumerate(values))


class Model:
    def __init__(self) -> None:
        self.stages = [(0, None)] * LATENCY  # (valid, total) per stage, last one is the output

    def step(self, rst_n: int, in_valid: int, values: list[int]) -> None:
        if not rst_n:
            self.stages = [(0, None)] * LATENCY
            return
        entering = (1, sum(values)) if in_valid else (0, None)
        self.stages = [entering] + self.stages[:-1]

    @property
    def output(self) -> tuple[int, int | None]:
        return self.stages[-1]


async def cycle(dut, model: Model, values: list[int], in_valid=1, rst_n=1) -> None:
    dut.rst_n.value = rst_n
    dut.in_valid.value = in_valid
    dut.data_in.value = pack(values)
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, values)
    expected_valid, expected_sum = model.output
    got_valid = read_int(dut.out_valid)
    context = f"after edge with rst_n={rst_n} in_valid={in_valid} elements={values}"
    assert got_valid == expected_valid, f"{context}: got out_valid={got_valid}, expected {expected_valid}"
    if expected_valid:
        got_sum = read_int(dut.sum, signed=True)
        assert got_sum == expected_sum, (
            f"{context}: got sum={got_sum}, expected {expected_sum} "
            f"(the total of the set accepted {LATENCY} cycles earlier)"
        )


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, [0] * N, in_valid=0, rst_n=0)
    return model


def random_values(generator) -> list[int]:
    return [generator.randint(DMIN, DMAX) for _ in range(N)]


@cocotb.test(timeout_time=100, timeout_unit="us")
async def extremes_back_to_back(dut):
    model = await start(dut)
    sets = [
        [DMIN] * N,
        [DMAX] * N,
        [-1] * N,
        [DMIN, DMAX] * 4,
        [1, 2, 3, 4, 5, 6, 7, 8],
        [DMIN] * 7 + [DMAX],
        [0] * 7 + [DMIN],
        [DMIN] + [0] * 7,
        [DMAX, DMAX, DMAX, DMAX, DMIN, DMIN, DMIN, DMIN],
    ]
    for values in sets:
        await cycle(dut, model, values)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, [DMAX] * N, in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def single_set_latency(dut):
    model = await start(dut)
    generator = rng()
    for gap in range(6):
        await cycle(dut, model, random_values(generator), in_valid=1)
        for _ in range(gap):
            await cycle(dut, model, random_values(generator), in_valid=0)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, random_values(generator), in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_drops_sets_in_flight(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2, 3):
        for _ in range(4):
            await cycle(dut, model, random_values(generator), in_valid=1)
        # in_valid stays high during reset: those sets must not be accepted either
        for _ in range(hold):
            await cycle(dut, model, random_values(generator), in_valid=1, rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, random_values(generator), in_valid=0)
    for _ in range(5):
        await cycle(dut, model, random_values(generator), in_valid=1)
    await cycle(dut, model, random_values(generator), in_valid=1, rst_n=0)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, random_values(generator), in_valid=1)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(1500):
        await cycle(
            dut,
            model,
            random_values(generator),
            in_valid=int(generator.random() < 0.7),
            rst_n=0 if generator.random() < 0.01 else 1,
        )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "data_in"), outputs=("out_valid", "sum"))
