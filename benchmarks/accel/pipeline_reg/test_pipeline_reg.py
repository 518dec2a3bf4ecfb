"""Tests for pipeline_reg: reset, stall/hold, full throughput, random valid and back-pressure
patterns, and a reset in mid-stream. Every cycle in_ready, out_valid and (while valid) out_data
are compared with a cycle-exact Python model, and the delivered words are checked end to end."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

WIDTH = 16


class Model:
    def __init__(self) -> None:
        self.full = 0
        self.data = 0

    def in_ready(self, out_ready: int) -> int:
        return int(not self.full or out_ready)

    def step(self, rst_n: int, in_valid: int, in_data: int, out_ready: int) -> None:
        if not rst_n:
            self.full = 0
        elif self.in_ready(out_ready):
            self.full = in_valid
            if in_valid:
                self.data = in_data


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.sent: list[int] = []
        self.received: list[int] = []

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.in_valid.value = 1
        dut.in_data.value = 0xFFFF
        dut.out_ready.value = 0
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, in_valid: int, in_data: int, out_ready: int, rst_n: int = 1) -> int:
        """Drive one cycle, check every output, clock it; return 1 if the input word was taken."""
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.in_valid.value = in_valid
        dut.in_data.value = in_data
        dut.out_ready.value = out_ready
        await settle()
        context = (f"cycle inputs rst_n={rst_n} in_valid={in_valid} in_data={in_data:#06x} "
                   f"out_ready={out_ready}")
        got_ready = read_int(dut.in_ready)
        want_ready = model.in_ready(out_ready)
        assert got_ready == want_ready, f"{context}: got in_ready={got_ready}, expected {want_ready}"
        got_valid = read_int(dut.out_valid)
        assert got_valid == model.full, f"{context}: got out_valid={got_valid}, expected {model.full}"
        if model.full:
            got_data = read_int(dut.out_data)
            assert got_data == model.data, (
                f"{context}: got out_data={got_data:#06x}, expected {model.data:#06x}")
            if out_ready and rst_n:
                self.received.append(got_data)
        taken = int(bool(rst_n and in_valid and want_ready))
        if taken:
            self.sent.append(in_data)
        model.step(rst_n, in_valid, in_data, out_ready)
        await FallingEdge(dut.clk)
        return taken


async def stream(bench: Bench, generator, words: int, p_valid: float, p_ready: float) -> None:
    """Offer `words` words like a well-behaved source (a word stays offered until it is taken)."""
    index = 0
    offered = None
    while index < words:
        if offered is None and generator.random() < p_valid:
            offered = generator.randrange(1 << WIDTH)
        out_ready = int(generator.random() < p_ready)
        if offered is None:
            await bench.cycle(0, generator.randrange(1 << WIDTH), out_ready)
        elif await bench.cycle(1, offered, out_ready):
            offered = None
            index += 1


async def drain(bench: Bench) -> None:
    for _ in range(3):
        await bench.cycle(0, 0, 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    # Empty after reset: in_ready is 1 even while out_ready is 0.
    await bench.cycle(0, 0, 0)
    await bench.cycle(0, 0x1234, 1)
    await bench.cycle(1, 0xABCD, 0)
    await bench.cycle(0, 0, 0)
    # Reset while holding a stalled word empties the register.
    await bench.cycle(1, 0x5555, 0, rst_n=0)
    await bench.cycle(0, 0, 0)
    await bench.cycle(0, 0, 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def stall_and_hold(dut):
    bench = Bench(dut)
    await bench.start()
    assert await bench.cycle(1, 0x1111, 0) == 1
    # Stalled: new offers are refused and the held word does not change.
    for value in (0x2222, 0x3333, 0x4444):
        assert await bench.cycle(1, value, 0) == 0
    # Downstream takes 0x1111 and 0x2222 enters in the same cycle.
    assert await bench.cycle(1, 0x2222, 1) == 1
    assert await bench.cycle(0, 0x9999, 0) == 0
    assert await bench.cycle(0, 0x9999, 1) == 0
    await bench.cycle(0, 0, 1)
    assert bench.received == [0x1111, 0x2222], f"received {bench.received}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def full_throughput(dut):
    bench = Bench(dut)
    await bench.start()
    values = [(0x0101 * k) & 0xFFFF for k in range(1, 21)]
    for value in values:
        assert await bench.cycle(1, value, 1) == 1, "a word offered with out_ready=1 must be taken"
    await drain(bench)
    assert bench.received == values, f"received {bench.received}, sent {values}"


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_back_pressure(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for p_valid, p_ready in ((0.5, 0.5), (0.9, 0.3), (0.3, 0.9), (1.0, 0.7), (0.8, 1.0)):
        await stream(bench, generator, 200, p_valid, p_ready)
    await drain(bench)
    assert bench.received == bench.sent, (
        f"delivered {len(bench.received)} words, accepted {len(bench.sent)}; first mismatch at "
        f"{next((i for i, (a, b) in enumerate(zip(bench.received, bench.sent)) if a != b), None)}")


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(4):
        for _ in range(generator.randrange(5, 40)):
            await bench.cycle(int(generator.random() < 0.8), generator.randrange(1 << WIDTH),
                              int(generator.random() < 0.4))
        await bench.cycle(1, generator.randrange(1 << WIDTH), 0, rst_n=0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "in_data", "out_ready"), outputs=("in_ready", "out_valid", "out_data"))
