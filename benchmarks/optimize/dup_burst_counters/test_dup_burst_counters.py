"""Tests for dup_burst_counters: a burst model checks every output after every rising edge (every
burst length with and without gaps between beats, back-to-back bursts, ignored inputs, reset in
mid-burst, random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

OUTPUTS = ("busy", "beat_index", "last_beat", "done")


class Model:
    def __init__(self) -> None:
        self.busy, self.index, self.beats_m1, self.done = 0, 0, 0, 0

    def step(self, rst_n: int, start: int, beats_m1: int, beat: int) -> None:
        self.done = 0
        if not rst_n:
            self.busy, self.index, self.beats_m1 = 0, 0, 0
        elif not self.busy:
            if start:
                self.busy, self.index, self.beats_m1 = 1, 0, beats_m1
        elif beat:
            if self.index == self.beats_m1:
                self.busy, self.index, self.done = 0, 0, 1
            else:
                self.index += 1

    def outputs(self) -> tuple[int, ...]:
        return (self.busy, self.index, int(self.busy and self.index == self.beats_m1), self.done)


async def cycle(dut, model: Model, start: int = 0, beats_m1: int = 0, beat: int = 0, rst_n: int = 1) -> None:
    dut.rst_n.value, dut.start.value, dut.beats_m1.value, dut.beat.value = rst_n, start, beats_m1, beat
    await FallingEdge(dut.clk)
    model.step(rst_n, start, beats_m1, beat)
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    assert got == model.outputs(), (
        f"after edge with rst_n={rst_n} start={start} beats_m1={beats_m1} beat={beat}: got "
        f"{dict(zip(OUTPUTS, got))}, expected {dict(zip(OUTPUTS, model.outputs()))}")


async def begin(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, start=1, beats_m1=5, beat=1, rst_n=0)
    return model


@cocotb.test(timeout_time=200, timeout_unit="us")
async def every_length_with_and_without_gaps(dut):
    model = await begin(dut)
    for gap in (0, 1):
        for beats_m1 in range(8):
            await cycle(dut, model, beat=1)  # ignored while idle
            await cycle(dut, model, start=1, beats_m1=beats_m1)
            for _ in range(beats_m1 + 1):
                for _ in range(gap):
                    await cycle(dut, model, start=1, beats_m1=7 - beats_m1)  # no beat; start ignored
                await cycle(dut, model, beat=1, start=1, beats_m1=7 - beats_m1)
            await cycle(dut, model)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def back_to_back_bursts(dut):
    model = await begin(dut)
    for beats_m1 in (0, 0, 3, 0, 7, 1):
        await cycle(dut, model, start=1, beats_m1=beats_m1)
        for _ in range(beats_m1 + 1):
            await cycle(dut, model, beat=1)
    await cycle(dut, model, start=1, beats_m1=2, beat=1)  # restart in the done cycle
    for _ in range(4):
        await cycle(dut, model, beat=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_in_mid_burst(dut):
    model = await begin(dut)
    for beats_before_reset in range(4):
        await cycle(dut, model, start=1, beats_m1=3)
        for _ in range(beats_before_reset):
            await cycle(dut, model, beat=1)
        await cycle(dut, model, start=1, beats_m1=7, beat=1, rst_n=0)
        await cycle(dut, model, beat=1)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_traffic(dut):
    model = await begin(dut)
    generator = rng()
    for _ in range(3000):
        await cycle(dut, model, start=int(generator.random() < 0.3), beats_m1=generator.randrange(8),
                    beat=int(generator.random() < 0.6), rst_n=0 if generator.random() < 0.005 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("start", "beats_m1", "beat"), outputs=OUTPUTS)
