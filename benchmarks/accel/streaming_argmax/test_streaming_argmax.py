"""Tests for streaming_argmax: cycle-by-cycle comparison with a Python model of the running
argmax, plus a sequence-level check of every reported result. Covers ties, signed extremes,
one-element and back-to-back sequences, 256-element sequences, idle cycles with stray in_last,
and resets inside a sequence and on a last element."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock

MIN, MAX = -32768, 32767


class Model:
    def __init__(self) -> None:
        self.elements: list[int] = []
        self.out_valid = 0
        self.out_index = 0
        self.out_value = 0

    def clock(self, rst_n: int, in_valid: int, in_last: int, in_data: int) -> None:
        if not rst_n:
            self.elements = []
            self.out_valid, self.out_index, self.out_value = 0, 0, 0
            return
        self.out_valid = 0
        if not in_valid:
            return
        self.elements.append(in_data)
        if in_last:
            best = max(self.elements)
            self.out_valid, self.out_index, self.out_value = 1, self.elements.index(best), best
            self.elements = []


def argmax(sequence: list[int]) -> tuple[int, int]:
    best = max(sequence)
    return sequence.index(best), best


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.results: list[tuple[int, int]] = []

    async def start(self) -> None:
        start_clock(self.dut)
        await FallingEdge(self.dut.clk)
        # Before the first reset edge the registers are unknown: check only after it.
        await self.step(0, 0, 0, 0, check_before=False)
        await self.step(0, 0, 0, 0)

    async def step(self, rst_n: int, in_valid: int, in_last: int, in_data: int,
                   check_before: bool = True) -> None:
        """Drive inputs on the falling edge; check the registered outputs right after (still the
        old values) and at the next falling edge (updated by the rising edge)."""
        self.dut.rst_n.value = rst_n
        self.dut.in_valid.value = in_valid
        self.dut.in_last.value = in_last
        self.dut.in_data.value = in_data
        await settle()
        inputs = (rst_n, in_valid, in_last, in_data)
        if check_before:
            self.check(inputs, "before the edge")
        position = len(self.model.elements)
        await FallingEdge(self.dut.clk)
        self.model.clock(*inputs)
        self.check(inputs, f"after the edge (element index {position} of the current sequence)")
        if self.model.out_valid:
            self.results.append((self.model.out_index, self.model.out_value))

    def check(self, inputs: tuple, when: str) -> None:
        got = (read_int(self.dut.out_valid), read_int(self.dut.out_index),
               read_int(self.dut.out_value, signed=True))
        expected = (self.model.out_valid, self.model.out_index, self.model.out_value)
        rst_n, in_valid, in_last, in_data = inputs
        assert got == expected, (
            f"{when}, inputs rst_n={rst_n} in_valid={in_valid} in_last={in_last} "
            f"in_data={in_data}: got out_valid={got[0]} out_index={got[1]} out_value={got[2]}, "
            f"expected out_valid={expected[0]} out_index={expected[1]} out_value={expected[2]}"
        )

    async def send(self, sequence: list[int], generator=None, gap_chance: float = 0.0) -> None:
        """Send one sequence, optionally with idle cycles (carrying a stray in_last) between
        elements; then check the reported result against the sequence-level reference."""
        start = len(self.results)
        for position, value in enumerate(sequence):
            while generator is not None and generator.random() < gap_chance:
                await self.step(1, 0, generator.randint(0, 1), generator.randint(MIN, MAX))
            await self.step(1, 1, int(position == len(sequence) - 1), value)
        assert self.results[start:] == [argmax(sequence)], (
            f"sequence {sequence}: reported {self.results[start:]}, "
            f"expected [(index, value)] = {[argmax(sequence)]}")


@cocotb.test(timeout_time=200, timeout_unit="us")
async def directed_sequences(dut):
    bench = Bench(dut)
    await bench.start()
    sequences = [
        [5], [-7], [MIN], [MAX], [0],
        [1, 2, 3, 4], [4, 3, 2, 1], [3, 9, 9, 2, 9], [7, 7, 7, 7, 7], [MIN, MIN, MIN],
        [-1, -2, -3], [-3, -2, -1], [MIN, -1], [-1, MIN], [MIN, 0, MIN], [-1, 0, -1, 0],
        [MAX, MAX], [0, MAX, MIN, MAX], [100, -100, 99, 100, 101, 101],
        [-32767, MIN, -32767], [2, 1], [1, 2], [0x7F, 0x80, 0xFF, 0x100],
        [-20000, 20000, -30000, 30000, -30001],
    ]
    for sequence in sequences:
        await bench.send(sequence)
    for sequence in sequences:
        await bench.send(sequence)
        await bench.step(1, 0, 0, 0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def back_to_back_after_large(dut):
    bench = Bench(dut)
    await bench.start()
    # A sequence with a large maximum followed at once by sequences with smaller values: the
    # running maximum must restart with each sequence.
    await bench.send([1000, MAX, 5])
    await bench.send([-5, -9, -2])
    await bench.send([MIN])
    await bench.send([3, 3])
    await bench.send([MAX, 0])
    await bench.send([MIN, MIN + 1])
    for value in (9, -9, 0, MAX, MIN, 1):
        await bench.send([value])  # one-element sequences: out_valid high every cycle
    await bench.step(1, 0, 1, 1234)  # stray in_last without in_valid: no result
    await bench.step(1, 0, 1, 4321)
    await bench.send([42, 41])


@cocotb.test(timeout_time=200, timeout_unit="us")
async def long_sequences(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for peak_at in (255, 0, 128, 200):
        sequence = [generator.randint(MIN, 1000) for _ in range(256)]
        sequence[peak_at] = 2000
        await bench.send(sequence)
    sequence = [-7] * 256
    await bench.send(sequence)
    sequence = list(range(-128, 128))  # strictly increasing: last index 255 wins
    await bench.send(sequence)


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_streams(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for _ in range(80):
        length = generator.choice([1, 1, 2, 3, generator.randint(1, 12), generator.randint(1, 40)])
        if generator.random() < 0.5:
            low = generator.randint(MIN, MAX - 3)
            sequence = [generator.randint(low, low + 3) for _ in range(length)]  # many ties
        else:
            sequence = [generator.randint(MIN, MAX) for _ in range(length)]
        await bench.send(sequence, generator, generator.choice([0.0, 0.0, 0.2, 0.6]))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def reset_inside_sequence(dut):
    bench = Bench(dut)
    await bench.start()
    generator = rng()
    for _ in range(8):
        await bench.send([generator.randint(MIN, MAX) for _ in range(generator.randint(1, 5))])
        # A partial sequence with a large value, cut by a reset.
        for value in [MAX] + [generator.randint(MIN, MAX) for _ in range(generator.randint(0, 4))]:
            await bench.step(1, 1, 0, value)
        if generator.random() < 0.5:
            await bench.step(0, 1, 1, MAX)  # reset wins over a presented last element
        else:
            await bench.step(0, 0, 0, 0)
        if generator.random() < 0.5:
            await bench.step(1, 0, 0, 0)
        # The next sequence starts fresh at index 0 without the discarded elements.
        await bench.send([generator.randint(-100, 100) for _ in range(generator.randint(1, 6))])


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "in_last", "in_data"),
        outputs=("out_valid", "out_index", "out_value"))
