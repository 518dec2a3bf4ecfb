"""Tests for pipe_sad_rebalance: a three-stage model checks every output after every rising edge
(extreme pixels in each lane, both orders of each pair, thresholds around the SAD, reset with
blocks in flight, random traffic)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, start_clock

LATENCY = 3
OUTPUTS = ("out_valid", "sad", "below")


def sad_of(cur: list[int], ref: list[int]) -> int:
    return sum(abs(c - r) for c, r in zip(cur, ref))


class Model:
    def __init__(self) -> None:
        self.in_flight = [(0, 0, 0)] * LATENCY  # (valid, sad, below) per stage, last one is the output

    def step(self, rst_n: int, in_valid: int, cur: list[int], ref: list[int], threshold: int) -> None:
        if not rst_n:
            self.in_flight = [(0, 0, 0)] * LATENCY
            return
        sad = sad_of(cur, ref)
        self.in_flight = [(in_valid, sad, int(sad < threshold))] + self.in_flight[:-1]


async def cycle(dut, model: Model, cur: list[int], ref: list[int], threshold: int, in_valid: int = 1,
                rst_n: int = 1) -> None:
    dut.rst_n.value, dut.in_valid.value, dut.threshold.value = rst_n, in_valid, threshold
    dut.cur_px.value, dut.ref_px.value = pack(cur, 8), pack(ref, 8)
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, cur, ref, threshold)
    got = tuple(read_int(getattr(dut, name)) for name in OUTPUTS)
    expected = model.in_flight[-1]
    assert got == expected, (f"after edge with rst_n={rst_n} in_valid={in_valid} cur={cur} ref={ref} "
                             f"threshold={threshold}: got {dict(zip(OUTPUTS, got))}, expected "
                             f"{dict(zip(OUTPUTS, expected))} (from the inputs {LATENCY} edges earlier)")


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, [255] * 4, [0] * 4, 1023, rst_n=0)
    return model


def random_pixels(generator) -> list[int]:
    return [generator.randrange(256) for _ in range(4)]


@cocotb.test(timeout_time=100, timeout_unit="us")
async def each_lane_both_orders(dut):
    model = await start(dut)
    for lane in range(4):
        for high, low in ((255, 0), (1, 0), (128, 127), (200, 55)):
            cur, ref = [9] * 4, [9] * 4
            cur[lane], ref[lane] = high, low
            await cycle(dut, model, cur, ref, high - low + 1)
            await cycle(dut, model, ref, cur, high - low)
    await cycle(dut, model, [255] * 4, [0] * 4, 1023)
    await cycle(dut, model, [0] * 4, [255] * 4, 1020)
    await cycle(dut, model, [0, 255, 0, 255], [255, 0, 255, 0], 1021)
    for _ in range(LATENCY + 1):
        await cycle(dut, model, [7] * 4, [7] * 4, 0, in_valid=0)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def thresholds_around_the_sad(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(60):
        cur, ref = random_pixels(generator), random_pixels(generator)
        sad = sad_of(cur, ref)
        for threshold in {max(0, sad - 1), sad, min(1023, sad + 1), 0, 1023}:
            await cycle(dut, model, cur, ref, threshold, in_valid=generator.randrange(2))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_drops_blocks_in_flight(dut):
    model = await start(dut)
    generator = rng()
    for hold in (1, 2, 3):
        for _ in range(4):
            await cycle(dut, model, random_pixels(generator), random_pixels(generator), 1023)
        for _ in range(hold):
            await cycle(dut, model, random_pixels(generator), random_pixels(generator), 1023, rst_n=0)
        for _ in range(LATENCY + 1):
            await cycle(dut, model, random_pixels(generator), random_pixels(generator), generator.randrange(1024),
                        in_valid=0)


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_traffic(dut):
    model = await start(dut)
    generator = rng()
    for _ in range(2000):
        cur, ref = random_pixels(generator), random_pixels(generator)
        threshold = generator.choice((generator.randrange(1024), sad_of(cur, ref), sad_of(cur, ref) + 1))
        await cycle(dut, model, cur, ref, min(threshold, 1023), in_valid=int(generator.random() < 0.7),
                    rst_n=0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "cur_px", "ref_px", "threshold"),
                                               outputs=OUTPUTS)
