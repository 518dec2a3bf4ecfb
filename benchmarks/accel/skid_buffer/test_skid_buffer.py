"""Tests for skid_buffer: reset, stall behaviour, full throughput, registered outputs (inputs
toggled in mid-cycle must not move any output), random valid/ready patterns and reset in
mid-stream. Every cycle in_ready, out_valid and (while valid) out_data are compared with a Python
model of the two-entry buffer, and delivered words are checked end to end."""

from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

WIDTH = 16
CAPACITY = 2


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.stored: deque[int] = deque()
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

    def check(self, context: str) -> None:
        dut, stored = self.dut, self.stored
        got = (read_int(dut.in_ready), read_int(dut.out_valid))
        expected = (int(len(stored) < CAPACITY), int(len(stored) > 0))
        assert got == expected, (
            f"{context}: got in_ready={got[0]} out_valid={got[1]}, "
            f"expected in_ready={expected[0]} out_valid={expected[1]}")
        if stored:
            got_data = read_int(dut.out_data)
            assert got_data == stored[0], f"{context}: got out_data={got_data:#06x}, expected {stored[0]:#06x}"

    async def cycle(self, in_valid: int, in_data: int, out_ready: int, rst_n: int = 1,
                    probe: bool = False) -> int:
        """Drive one cycle, check the outputs, clock it; return 1 if the input word was accepted."""
        dut, stored = self.dut, self.stored
        dut.rst_n.value = rst_n
        dut.in_valid.value = in_valid
        dut.in_data.value = in_data
        dut.out_ready.value = out_ready
        await settle()
        context = (f"stored={[hex(v) for v in stored]} inputs rst_n={rst_n} in_valid={in_valid} "
                   f"in_data={in_data:#06x} out_ready={out_ready}")
        self.check(context)
        if probe:
            # The outputs must not follow the inputs combinationally.
            dut.in_valid.value = 1 - in_valid
            dut.out_ready.value = 1 - out_ready
            dut.in_data.value = in_data ^ 0xFFFF
            await settle()
            self.check(context + " (inputs flipped in mid-cycle)")
            dut.in_valid.value = in_valid
            dut.out_ready.value = out_ready
            dut.in_data.value = in_data
            await settle()
        accept = int(bool(rst_n and in_valid and len(stored) < CAPACITY))
        if not rst_n:
            stored.clear()
        else:
            if out_ready and stored:
                self.received.append(stored.popleft())
            if accept:
                stored.append(in_data)
                self.sent.append(in_data)
        await FallingEdge(dut.clk)
        return accept

    def check_delivery(self) -> None:
        assert self.received == self.sent, (
            f"delivered {len(self.received)} words, accepted {len(self.sent)}; first mismatch at "
            f"{next((i for i, (a, b) in enumerate(zip(self.received, self.sent)) if a != b), None)}")


async def stream(bench: Bench, generator, words: int, p_valid: float, p_ready: float,
                 probe: float = 0.1) -> None:
    """Offer `words` words like a well-behaved source (a word stays offered until accepted)."""
    index = 0
    offered = None
    while index < words:
        if offered is None and generator.random() < p_valid:
            offered = generator.randrange(1 << WIDTH)
        out_ready = int(generator.random() < p_ready)
        do_probe = generator.random() < probe
        if offered is None:
            await bench.cycle(0, generator.randrange(1 << WIDTH), out_ready, probe=do_probe)
        elif await bench.cycle(1, offered, out_ready, probe=do_probe):
            offered = None
            index += 1


async def drain(bench: Bench) -> None:
    for _ in range(CAPACITY + 2):
        await bench.cycle(0, 0, 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle(0, 0, 0, probe=True)
    await bench.cycle(1, 0x1111, 0, probe=True)
    await bench.cycle(1, 0x2222, 0, probe=True)
    await bench.cycle(1, 0x3333, 0, probe=True)
    # Reset while full: both entries empty again.
    await bench.cycle(1, 0x4444, 1, rst_n=0)
    await bench.cycle(0, 0, 0, probe=True)
    await bench.cycle(0, 0, 1, probe=True)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def stall_sequence(dut):
    bench = Bench(dut)
    await bench.start()
    assert await bench.cycle(1, 0xA001, 0, probe=True) == 1
    assert await bench.cycle(1, 0xA002, 0, probe=True) == 1  # caught by the second entry
    assert await bench.cycle(1, 0xA003, 0, probe=True) == 0  # full: refused
    assert await bench.cycle(1, 0xA003, 1, probe=True) == 0  # still refused in the cycle it drains
    assert await bench.cycle(1, 0xA003, 1, probe=True) == 1
    assert await bench.cycle(1, 0xA004, 0, probe=True) == 1
    assert await bench.cycle(0, 0, 1, probe=True) == 0
    assert await bench.cycle(1, 0xA005, 1, probe=True) == 1
    await drain(bench)
    bench.check_delivery()
    assert bench.received == [0xA001, 0xA002, 0xA003, 0xA004, 0xA005], f"received {bench.received}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def full_throughput(dut):
    bench = Bench(dut)
    await bench.start()
    values = [(0x1357 * k) & 0xFFFF for k in range(1, 31)]
    for value in values:
        assert await bench.cycle(1, value, 1, probe=True) == 1, "one word per cycle must be accepted"
    await drain(bench)
    bench.check_delivery()


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_valid_ready(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for p_valid, p_ready in ((0.5, 0.5), (1.0, 0.5), (0.9, 0.2), (0.4, 0.9), (1.0, 0.9),
                             (0.7, 0.7), (1.0, 1.0), (0.2, 0.2)):
        await stream(bench, generator, 150, p_valid, p_ready)
    await drain(bench)
    bench.check_delivery()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(5):
        for _ in range(generator.randrange(5, 30)):
            await bench.cycle(int(generator.random() < 0.8), generator.randrange(1 << WIDTH),
                              int(generator.random() < 0.3))
        await bench.cycle(1, generator.randrange(1 << WIDTH), 1, rst_n=0)
        await bench.cycle(0, 0, 0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "in_data", "out_ready"),
        outputs=("in_ready", "out_valid", "out_data"))
