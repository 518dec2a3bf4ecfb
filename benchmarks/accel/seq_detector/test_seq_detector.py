"""Tests for seq_detector: directed overlapping streams, saturation of the match counter, reset in
the middle of a partial pattern and seeded random streams; match and count are compared with a
Python model (a plain history window) every cycle."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, start_clock

PATTERN = [1, 1, 0, 1]


class Model:
    def __init__(self) -> None:
        self.history: list[int] = []
        self.match = 0
        self.count = 0

    def clock(self, rst_n: int, din: int) -> None:
        if not rst_n:
            self.history, self.match, self.count = [], 0, 0
            return
        self.history = (self.history + [din])[-4:]
        self.match = int(self.history == PATTERN)
        if self.match:
            self.count = min(self.count + 1, 15)


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.samples: list[str] = []

    async def step(self, din: int, rst_n: int = 1) -> None:
        self.dut.din.value = din
        self.dut.rst_n.value = rst_n
        self.model.clock(rst_n, din)
        self.samples.append(str(din) if rst_n else "R")
        await FallingEdge(self.dut.clk)
        got = (read_int(self.dut.match), read_int(self.dut.count))
        expected = (self.model.match, self.model.count)
        assert got == expected, (
            f"after sample {len(self.samples)} (recent samples oldest first, R = reset: "
            f"{''.join(self.samples[-12:])}): got match={got[0]} count={got[1]}, "
            f"expected match={expected[0]} count={expected[1]}"
        )

    async def feed(self, bits: str) -> None:
        for bit in bits:
            await self.step(int(bit))


async def start(dut) -> Bench:
    start_clock(dut)
    dut.din.value = 1
    await reset(dut, cycles=2)
    got = (read_int(dut.match), read_int(dut.count))
    assert got == (0, 0), f"after reset: got match={got[0]} count={got[1]}, expected 0 0"
    return Bench(dut)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def single_and_overlapping(dut):
    bench = await start(dut)
    await bench.feed("0001101000")       # one clean match
    await bench.feed("1101101")          # overlapping: two matches
    await bench.feed("0011101")          # leading extra 1
    await bench.feed("11111101")         # long run of ones
    await bench.feed("1100110101101")    # near misses and a match
    await bench.feed("1011" "1001" "0110" "1010")  # near misses, no match


@cocotb.test(timeout_time=10, timeout_unit="us")
async def count_saturates(dut):
    bench = await start(dut)
    await bench.feed("1" + "101" * 20)   # 20 back-to-back overlapping matches
    await bench.feed("0000")
    await bench.feed("1101")             # still pulses match at count 15


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_forgets_history(dut):
    bench = await start(dut)
    await bench.feed("11011101")          # count = 2
    await bench.feed("110")               # partial pattern
    await bench.step(1, rst_n=0)          # reset: history gone, count 0
    await bench.step(1)                   # this 1 alone must not complete a match
    await bench.feed("101")               # now 1101 from scratch
    await bench.feed("11")
    await bench.step(0, rst_n=0)          # reset during a prefix, bits during reset ignored
    await bench.step(1, rst_n=0)
    await bench.feed("01")                # "0 1" alone is not a match
    await bench.feed("1101")


@cocotb.test(timeout_time=50, timeout_unit="us")
async def random_streams(dut):
    generator = rng()
    bench = await start(dut)
    for _block in range(10):
        p_one = generator.choice([0.3, 0.5, 0.65, 0.8])
        for _ in range(60):
            rst_n = 0 if generator.random() < 0.01 else 1
            await bench.step(int(generator.random() < p_one), rst_n)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("din",), outputs=("match", "count"))
