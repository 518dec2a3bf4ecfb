"""cocotb tests for window_gen.

A cycle-exact Python model (window contents, segment fill level, output valid) is compared with
the DUT every cycle: s_ready (combinational from m_ready), m_valid, and m_window while valid.
Independently, the list of windows handed over (m_valid && m_ready) is compared at the end with
the sliding windows computed from the accepted samples of each segment, which checks for loss,
duplication and reordering. Inputs are driven on the falling edge.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class WindowBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.width = int(dut.WIDTH.value)
        self.taps = int(dut.TAPS.value)
        self.gen = rng()
        self.clear()

    def clear(self) -> None:
        self.win: list[int] = []       # most recent first, only samples of the current segment
        self.m_valid = 0
        self.out_window = 0
        self.segments: list[list[int]] = [[]]
        self.received: list[int] = []

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.s_valid.value = 1          # ignored during reset
        dut.s_first.value = 0
        dut.s_data.value = 0
        dut.m_ready.value = 0
        await reset(dut, cycles=3)
        dut.s_valid.value = 0

    def pack(self, samples: list[int]) -> int:
        return sum(v << (i * self.width) for i, v in enumerate(samples))

    async def cycle(self, valid: int, data: int, first: int, ready: int, rst_n: int = 1) -> None:
        dut = self.dut
        data &= (1 << self.width) - 1
        dut.s_valid.value = valid
        dut.s_data.value = data
        dut.s_first.value = first
        dut.m_ready.value = ready
        dut.rst_n.value = rst_n
        await settle()
        s_ready = int(not self.m_valid or ready)
        got = (read_int(dut.s_ready), read_int(dut.m_valid))
        assert got == (s_ready, self.m_valid), (
            f"s_ready/m_valid={got}, expected {(s_ready, self.m_valid)} (m_ready={ready})")
        if self.m_valid:
            window = read_int(dut.m_window)
            assert window == self.out_window, (
                f"m_window={window:#x}, expected {self.out_window:#x}")
            if ready:
                self.received.append(window)
        if not rst_n:
            self.clear()
        elif valid and s_ready:
            if first:
                self.win = []
                self.segments.append([])
            self.segments[-1].append(data)
            self.win = ([data] + self.win)[: self.taps]
            self.m_valid = int(len(self.win) == self.taps)
            if self.m_valid:
                self.out_window = self.pack(self.win)
        elif ready:
            self.m_valid = 0
        await FallingEdge(dut.clk)

    def expected_windows(self) -> list[int]:
        windows = []
        for seg in self.segments:
            for end in range(self.taps, len(seg) + 1):
                windows.append(self.pack(list(reversed(seg[end - self.taps: end]))))
        return windows

    async def traffic(self, n: int, p_valid: float, p_ready: float, p_first: float = 0.0) -> None:
        for _ in range(n):
            await self.cycle(int(self.gen.random() < p_valid), self.gen.getrandbits(self.width),
                             int(self.gen.random() < p_first), int(self.gen.random() < p_ready))

    async def finish(self) -> None:
        for _ in range(3):
            await self.cycle(0, 0, 0, 1)
        want = self.expected_windows()
        assert self.received == want, (
            f"handed-over windows differ: got {len(self.received)}, expected {len(want)}; first "
            f"mismatch at {next((i for i, (a, b) in enumerate(zip(self.received, want)) if a != b), None)}")


@cocotb.test(timeout_time=200, timeout_unit="us")
async def full_throughput(dut):
    """Continuous valid and ready: after TAPS-1 priming samples one window per cycle."""
    bench = WindowBench(dut)
    await bench.start()
    n = 4 * bench.taps + 20
    for i in range(n):
        await bench.cycle(1, i * 37 + 5, 0, 1)
    await bench.finish()
    assert len(bench.received) == n - bench.taps + 1


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_handshakes(dut):
    """Random valid/ready in phases (slow source, slow sink, both busy)."""
    bench = WindowBench(dut)
    await bench.start()
    for p_valid, p_ready in [(0.5, 0.9), (0.9, 0.4), (0.8, 0.8), (1.0, 0.2), (0.3, 0.3)]:
        await bench.traffic(150 + 10 * bench.taps, p_valid, p_ready)
    await bench.finish()
    assert len(bench.received) > 100


@cocotb.test(timeout_time=500, timeout_unit="us")
async def segments(dut):
    """s_first restarts the window: directly, during priming, during back-pressure, at random."""
    bench = WindowBench(dut)
    await bench.start()
    for i in range(bench.taps + 2):
        await bench.cycle(1, i, 0, 1)
    await bench.cycle(1, 0x3, 1, 1)                       # new segment
    for i in range(bench.taps - 2):
        await bench.cycle(1, i, 0, 1)
    await bench.cycle(1, 0x1, 1, 1)                       # restart during priming
    for i in range(bench.taps):
        await bench.cycle(1, i + 9, 0, 0)   # output stalls
    await bench.cycle(1, 0x2, 1, 0)                       # s_first while blocked: waits
    await bench.cycle(1, 0x2, 1, 1)
    await bench.cycle(0, 0, 1, 1)                         # s_first without s_valid: ignored
    await bench.traffic(300 + 10 * bench.taps, 0.8, 0.7, p_first=0.05)
    await bench.finish()


@cocotb.test(timeout_time=200, timeout_unit="us")
async def reset_mid_run(dut):
    """Reset with a pending window: it disappears and priming starts again."""
    bench = WindowBench(dut)
    await bench.start()
    await bench.traffic(3 * bench.taps + 5, 1.0, 0.3)
    await bench.cycle(1, 0x1, 0, 0, rst_n=0)
    await bench.cycle(1, 0x1, 0, 1, rst_n=0)
    await bench.traffic(3 * bench.taps + 20, 0.9, 0.8)
    await bench.finish()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_clears_window(dut):
    """Reset clears the window to 0 (m_window shows it), after power-up and with a window pending."""
    bench = WindowBench(dut)
    await bench.start()
    await settle()
    assert read_int(dut.m_window) == 0, f"m_window={read_int(dut.m_window):#x} after reset, expected 0"
    for _ in range(bench.taps):                   # a complete window of all-ones samples, held
        await bench.cycle(1, -1, 0, 0)
    await bench.cycle(0, 0, 0, 0, rst_n=0)
    await settle()
    assert read_int(dut.m_window) == 0, (
        f"m_window={read_int(dut.m_window):#x} after a reset with a window pending, expected 0")
    await bench.traffic(2 * bench.taps, 1.0, 1.0)
    await bench.finish()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("s_valid", "s_first", "s_data", "m_ready"),
        outputs=("s_ready", "m_valid", "m_window"))
