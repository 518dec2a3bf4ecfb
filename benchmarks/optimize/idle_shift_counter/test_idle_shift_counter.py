"""Tests for idle_shift_counter: a history model checks busy, drained and gate_en after every rising
edge (single issues followed by a full drain, gaps of every length around 12, bursts, reset with
operations in flight, random issue rates)."""

import cocotb
from cocotb.triggers import FallingEdge, Timer

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

DEPTH = 12
OUTPUTS = ("busy", "drained", "gate_en")


class Model:
    def __init__(self) -> None:
        self.history = [0] * (DEPTH + 1)  # issue at the last DEPTH + 1 edges, most recent first

    def step(self, rst_n: int, issue: int) -> None:
        self.history = [0] * (DEPTH + 1) if not rst_n else [issue] + self.history[:-1]

    def outputs(self, issue: int) -> tuple[int, int, int]:
        busy = int(any(self.history[:DEPTH]))
        drained = int(self.history[DEPTH] == 1 and not busy)
        return busy, drained, int(not busy and not issue)


async def cycle(dut, model: Model, issue: int, rst_n: int = 1, next_issue: int = 0) -> None:
    dut.rst_n.value, dut.issue.value = rst_n, issue
    await FallingEdge(dut.clk)
    model.step(rst_n, issue)
    dut.issue.value = next_issue  # gate_en follows issue without a clock
    await Timer(1, "ns")
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    expected = model.outputs(next_issue)
    assert got == expected, (f"after edge with rst_n={rst_n} issue={issue}, issue now {next_issue} (issues at "
                             f"the last edges, newest first: {model.history}): got {dict(zip(OUTPUTS, got))}, "
                             f"expected {dict(zip(OUTPUTS, expected))}")


async def run(dut, model: Model, issues: list[int]) -> None:
    for index, issue in enumerate(issues):
        following = issues[index + 1] if index + 1 < len(issues) else 0
        await cycle(dut, model, issue, next_issue=following)


async def begin(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, 1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def single_issue_full_drain(dut):
    model = await begin(dut)
    await run(dut, model, [0, 0, 1] + [0] * (DEPTH + 4))
    await run(dut, model, [1, 1, 1] + [0] * (DEPTH + 3))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def gaps_around_the_depth(dut):
    model = await begin(dut)
    for gap in range(DEPTH - 3, DEPTH + 4):
        await run(dut, model, ([1] + [0] * gap) * 3 + [0] * (DEPTH + 2))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_with_operations_in_flight(dut):
    model = await begin(dut)
    for before in (1, 5, DEPTH - 1, DEPTH):
        await run(dut, model, [1] + [0] * before)
        await cycle(dut, model, 1, rst_n=0)
        await run(dut, model, [0] * (DEPTH + 2))


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_issue_rates(dut):
    model = await begin(dut)
    generator = rng()
    for rate in (0.02, 0.08, 0.3, 0.7):
        issues = [int(generator.random() < rate) for _ in range(800)]
        await run(dut, model, issues)
        await cycle(dut, model, int(generator.random() < rate), rst_n=0 if generator.random() < 0.5 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("issue",), outputs=("busy", "drained"))
