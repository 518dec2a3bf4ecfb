"""Tests for debounce (N = 4): exact acceptance latency, filtering of every short excursion, count
restart on a glitch, reset in the middle of a count, and seeded random bouncy input; dout is
compared with a Python model every cycle."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, start_clock

N = 4


class Model:
    def __init__(self) -> None:
        self.dout = 0
        self.cnt = 0

    def clock(self, rst_n: int, din: int) -> None:
        if not rst_n:
            self.dout, self.cnt = 0, 0
        elif din == self.dout:
            self.cnt = 0
        elif self.cnt == N - 1:
            self.dout, self.cnt = din, 0
        else:
            self.cnt += 1


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.history: list[int] = []

    async def step(self, din: int, rst_n: int = 1) -> None:
        self.dut.din.value = din
        self.dut.rst_n.value = rst_n
        self.model.clock(rst_n, din)
        self.history.append(din if rst_n else -1)
        await FallingEdge(self.dut.clk)
        got = read_int(self.dut.dout)
        recent = "".join("R" if s < 0 else str(s) for s in self.history[-10:])
        assert got == self.model.dout, (
            f"after sample {len(self.history)} (last samples oldest first, R = reset: {recent}): "
            f"got dout={got}, expected {self.model.dout}"
        )

    async def hold(self, din: int, cycles: int) -> None:
        for _ in range(cycles):
            await self.step(din)


async def start(dut, din: int = 0) -> Bench:
    start_clock(dut)
    dut.din.value = din
    await reset(dut, cycles=2)
    bench = Bench(dut)
    assert read_int(dut.dout) == 0, f"dout after reset with din={din}: got {read_int(dut.dout)}, expected 0"
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def clean_transitions(dut):
    bench = await start(dut)
    await bench.hold(0, 3)
    await bench.hold(1, N + 3)   # rises at the N-th sample
    await bench.hold(0, N + 3)   # falls at the N-th sample
    await bench.hold(1, N)
    await bench.hold(0, N)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def short_excursions_filtered(dut):
    bench = await start(dut)
    for _ in range(2):  # once from each polarity
        base = bench.model.dout
        # Excursions of 1 .. N-1 samples away from the current level never change dout.
        for length in range(1, N):
            await bench.hold(1 - base, length)
            await bench.hold(base, 2)
        # Now let the output change so the opposite polarity is tested next.
        await bench.hold(1 - base, N + 1)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def glitch_restarts_count(dut):
    bench = await start(dut)
    for pattern in ([1, 1, 1, 0, 1, 1, 1, 1], [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1],
                    [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1]):
        for value in pattern:
            await bench.step(value)
        await bench.hold(pattern[-1], 2)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_mid_count(dut):
    bench = await start(dut)
    await bench.hold(1, N)           # dout becomes 1
    await bench.hold(0, N - 1)       # partial count towards 0
    await bench.step(0, rst_n=0)     # reset: dout = 0, count cleared
    await bench.step(1, rst_n=0)     # samples during reset never count
    await bench.hold(1, N - 1)       # not yet enough after release
    await bench.hold(1, 2)           # N-th sample after release sets dout
    await bench.hold(1, 1)
    await bench.hold(0, N - 1)       # partial count, then reset while dout is 1
    await bench.step(1, rst_n=0)
    await bench.hold(0, 3)
    await bench.hold(1, N - 1)
    await bench.hold(0, 1)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def random_bouncing(dut):
    generator = rng()
    bench = await start(dut)
    for _ in range(120):
        target = generator.randint(0, 1)
        # A bouncy phase around the new level, then a stable stretch of random length.
        for _ in range(generator.randint(0, 6)):
            await bench.step(generator.randint(0, 1), 0 if generator.random() < 0.01 else 1)
        await bench.hold(target, generator.choice([1, 2, N - 1, N, N, N + 1, 7]))


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("din",), outputs=("dout",))
