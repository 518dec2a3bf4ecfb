"""Tests for fsm_onehot_sequencer: a step model checks all outputs after every rising edge (runs
without stalls, stalls at every step, start while busy, back-to-back runs, reset at every step,
random start/stall traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

STEPS = 12
OUTPUTS = ("busy", "load_w", "w_row", "compute", "flush")


class Model:
    def __init__(self) -> None:
        self.step: int | None = None  # None while idle

    def tick(self, rst_n: int, start: int, stall: int) -> None:
        if not rst_n:
            self.step = None
        elif self.step is None:
            self.step = 0 if start else None
        elif not stall:
            self.step = self.step + 1 if self.step < STEPS - 1 else None

    def outputs(self) -> tuple[int, ...]:
        k = self.step
        if k is None:
            return (0, 0, 0, 0, 0)
        return (1, int(k < 4), k if k < 4 else 0, int(4 <= k <= 10), int(k == 11))


async def cycle(dut, model: Model, start: int = 0, stall: int = 0, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.start.value, dut.stall.value = rst_n, start, stall
    before = model.step
    await FallingEdge(dut.clk)
    model.tick(rst_n, start, stall)
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    assert got == model.outputs(), (
        f"from step {before} (None = idle) with rst_n={rst_n} start={start} stall={stall}: got "
        f"{dict(zip(OUTPUTS, got))}, expected {dict(zip(OUTPUTS, model.outputs()))} (step {model.step})")


async def begin(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, start=1, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def full_runs_and_idle(dut):
    model = await begin(dut)
    for _ in range(3):
        await cycle(dut, model, stall=1)  # stall while idle changes nothing
    await cycle(dut, model, start=1)
    for _ in range(STEPS + 2):
        await cycle(dut, model, start=1)  # start while busy is ignored; restarts once idle
    for _ in range(STEPS + 3):
        await cycle(dut, model)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def stall_at_every_step(dut):
    model = await begin(dut)
    for stalled_step in range(STEPS):
        await cycle(dut, model, start=1)
        for _ in range(stalled_step):
            await cycle(dut, model)
        for _ in range(3):
            await cycle(dut, model, stall=1, start=1)
        for _ in range(STEPS + 1):
            await cycle(dut, model)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_at_every_step(dut):
    model = await begin(dut)
    for reset_step in range(STEPS + 1):
        await cycle(dut, model, start=1)
        for _ in range(reset_step):
            await cycle(dut, model)
        await cycle(dut, model, start=1, rst_n=0)
        await cycle(dut, model, stall=1)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_traffic(dut):
    model = await begin(dut)
    generator = rng()
    for _ in range(3000):
        await cycle(dut, model, start=int(generator.random() < 0.3), stall=int(generator.random() < 0.3),
                    rst_n=0 if generator.random() < 0.005 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("start", "stall"), outputs=OUTPUTS)
