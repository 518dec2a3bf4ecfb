"""Tests for fsm_equivalent_states: a phase model checks all four outputs after every rising edge
(single-beat and long bursts, errors on the first and later beats, back-to-back bursts, ignored
inputs, reset in every phase, random handshakes)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

IDLE, REQUEST, DATA, DONE, DONE_ERR = "idle", "request", "data", "completion", "completion-with-error"
INPUTS = ("start", "addr_ready", "data_valid", "data_last", "data_err")
OUTPUTS = ("addr_valid", "data_ready", "done", "error")


class Model:
    def __init__(self) -> None:
        self.phase = IDLE

    def step(self, rst_n: int, start: int, addr_ready: int, data_valid: int, data_last: int, data_err: int) -> None:
        if not rst_n:
            self.phase = IDLE
        elif self.phase == IDLE:
            self.phase = REQUEST if start else IDLE
        elif self.phase == REQUEST:
            self.phase = DATA if addr_ready else REQUEST
        elif self.phase == DATA:
            if data_valid:
                self.phase = DONE_ERR if data_err else DONE if data_last else DATA
        else:
            self.phase = REQUEST if start else IDLE

    def outputs(self) -> tuple[int, ...]:
        return (int(self.phase == REQUEST), int(self.phase == DATA), int(self.phase in (DONE, DONE_ERR)),
                int(self.phase == DONE_ERR))


async def cycle(dut, model: Model, rst_n: int = 1, **inputs: int) -> None:
    values = {name: inputs.get(name, 0) for name in INPUTS}
    dut.rst_n.value = rst_n
    for name, value in values.items():
        getattr(dut, name).value = value
    before = model.phase
    await FallingEdge(dut.clk)
    model.step(rst_n, **values)
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    assert got == model.outputs(), (
        f"from phase {before} with rst_n={rst_n} {values}: got {dict(zip(OUTPUTS, got))}, "
        f"expected {dict(zip(OUTPUTS, model.outputs()))} (phase {model.phase})")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, rst_n=0, start=1)
    return model


async def burst(dut, model: Model, beats: int, error_at: int | None = None, gap: int = 0) -> None:
    await cycle(dut, model, start=1)
    for _ in range(gap):
        await cycle(dut, model, data_valid=1, data_last=1, data_err=1)  # ignored while requesting
    await cycle(dut, model, addr_ready=1)
    for beat in range(beats):
        for _ in range(gap):
            await cycle(dut, model, data_last=1, data_err=1, addr_ready=1)  # no beat present
        await cycle(dut, model, data_valid=1, data_last=int(beat == beats - 1), data_err=int(beat == error_at))
        if beat == error_at:
            break
    await cycle(dut, model)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def bursts_of_every_shape(dut):
    model = await start(dut)
    for beats in (1, 2, 3, 7):
        for gap in (0, 1, 2):
            await burst(dut, model, beats, gap=gap)
    for beats, error_at in ((1, 0), (4, 0), (4, 1), (4, 3), (2, 1)):
        await burst(dut, model, beats, error_at=error_at)
    await cycle(dut, model, start=0, data_valid=1, data_err=1, addr_ready=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def back_to_back_bursts(dut):
    model = await start(dut)
    for error in (0, 1, 0, 1):
        await cycle(dut, model, start=1)
        await cycle(dut, model, addr_ready=1, start=1)
        await cycle(dut, model, data_valid=1, data_last=1, data_err=error, start=1)
        await cycle(dut, model, data_valid=1, data_last=0, data_err=0, start=1)  # completion, restart
        await cycle(dut, model, addr_ready=1)
        await cycle(dut, model, data_valid=1)
        await cycle(dut, model, data_valid=1, data_last=1, data_err=error, start=1)
        await cycle(dut, model, start=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_in_every_phase(dut):
    model = await start(dut)
    generator = rng()
    for phase_steps in range(6):
        await cycle(dut, model, start=1)
        for _ in range(phase_steps):
            await cycle(dut, model, addr_ready=1, data_valid=1, data_err=generator.randrange(2))
        await cycle(dut, model, rst_n=0, start=1, addr_ready=1, data_valid=1)
        await cycle(dut, model, addr_ready=1, data_valid=1, data_last=1)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_handshakes(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(3000):
        await cycle(dut, model, rst_n=0 if generator.random() < 0.01 else 1,
                    start=int(generator.random() < 0.4), addr_ready=int(generator.random() < 0.5),
                    data_valid=int(generator.random() < 0.6), data_last=int(generator.random() < 0.25),
                    data_err=int(generator.random() < 0.1))


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=INPUTS, outputs=OUTPUTS)
