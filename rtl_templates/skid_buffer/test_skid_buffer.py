"""cocotb tests for skid_buffer.

Each cycle (inputs driven on the falling edge) the DUT is compared with a cycle-exact Python model
of the two registers: s_ready (must equal "skid slot empty", i.e. depend only on state), m_valid
and, while valid, m_data. A scoreboard also checks that the words handed over on the output are
exactly the accepted input words in order (no loss, duplication or reordering), that m_valid and
m_data stay stable while stalled, and that throughput is one word per cycle when unblocked.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

from collections import deque

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class SkidBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.width = int(dut.WIDTH.value)
        self.gen = rng()
        self.clear()
        self.sent: list[int] = []
        self.received: list[int] = []

    def clear(self) -> None:
        self.main: int | None = None     # word in the output register
        self.skid: int | None = None     # word in the skid register
        self.in_flight: deque[int] = deque()

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.s_valid.value = 1            # ignored during reset
        dut.s_data.value = 0
        dut.m_ready.value = 1
        await reset(dut, cycles=3)
        dut.s_valid.value = 0

    async def cycle(self, valid: int, data: int, ready: int, rst_n: int = 1) -> tuple[bool, bool]:
        dut = self.dut
        data &= (1 << self.width) - 1
        dut.s_valid.value = valid
        dut.s_data.value = data
        dut.m_ready.value = ready
        dut.rst_n.value = rst_n
        # s_ready is compared with the model state only, so it must not follow this cycle's inputs.
        await settle()
        s_ready = int(self.skid is None)
        m_valid = int(self.main is not None)
        got = (read_int(dut.s_ready), read_int(dut.m_valid))
        assert got == (s_ready, m_valid), (
            f"s_ready/m_valid={got}, expected {(s_ready, m_valid)} "
            f"(main={self.main} skid={self.skid} s_valid={valid} m_ready={ready})")
        if m_valid:
            out = read_int(dut.m_data)
            assert out == self.main, f"m_data={out:#x}, expected {self.main:#x}"
        s_fire = bool(valid and s_ready)
        m_fire = bool(m_valid and ready)
        if not rst_n:
            self.clear()
            s_fire = m_fire = False
        else:
            if m_fire:
                self.received.append(self.main)
                assert self.received[-1] == self.in_flight.popleft()
                self.main = None
            if self.skid is not None:
                if self.main is None:
                    self.main, self.skid = self.skid, None
            elif s_fire:
                self.sent.append(data)
                self.in_flight.append(data)
                if self.main is None:
                    self.main = data
                else:
                    self.skid = data
        await FallingEdge(dut.clk)
        return s_fire, m_fire

    async def traffic(self, n: int, p_valid: float, p_ready: float) -> None:
        for _ in range(n):
            await self.cycle(int(self.gen.random() < p_valid), self.gen.getrandbits(self.width),
                             int(self.gen.random() < p_ready))

    async def drain(self) -> None:
        for _ in range(4):
            await self.cycle(0, 0, 1)
        assert self.received == self.sent, "output words differ from accepted input words"
        assert not self.in_flight


@cocotb.test(timeout_time=100, timeout_unit="us")
async def full_throughput(dut):
    """Continuous valid and ready: one word per cycle, latency 1, s_ready stays 1."""
    bench = SkidBench(dut)
    await bench.start()
    fires = []
    for i in range(50):
        fires.append(await bench.cycle(1, i * 0x9E3779B1, 1))
    assert all(s for s, _ in fires) and all(m for _, m in fires[1:]), "not one word per cycle"
    await bench.drain()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def stall_and_release(dut):
    """Stall while streaming: one word skids, s_ready falls, words come out in order."""
    bench = SkidBench(dut)
    await bench.start()
    for i in range(3):
        await bench.cycle(1, i + 1, 1)
    for i in range(4):                              # sink stalls, source keeps trying
        await bench.cycle(1, 0x10 + i, 0)
    assert bench.skid is not None and bench.main is not None
    await bench.cycle(1, 0x20, 1)                   # skid word moves to output, input still blocked
    await bench.cycle(1, 0x21, 1)
    await bench.cycle(0, 0, 0)
    await bench.cycle(1, 0x30, 0)                   # output full, input goes to skid
    await bench.cycle(0, 0, 1)
    await bench.cycle(0, 0, 1)
    await bench.cycle(0, 0, 1)
    await bench.drain()


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_handshakes(dut):
    """Random valid/ready patterns in several phases; no loss, duplication or reordering."""
    bench = SkidBench(dut)
    await bench.start()
    for p_valid, p_ready in [(0.5, 0.5), (0.9, 0.3), (0.3, 0.9), (1.0, 0.5), (0.7, 1.0), (0.95, 0.95)]:
        await bench.traffic(300, p_valid, p_ready)
    await bench.drain()
    assert len(bench.sent) > 800


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_run(dut):
    """Reset with both registers full: everything is dropped, s_ready returns to 1."""
    bench = SkidBench(dut)
    await bench.start()
    await bench.cycle(1, 0xA, 0)
    await bench.cycle(1, 0xB, 0)
    await bench.cycle(1, 0xC, 0)
    assert bench.skid is not None
    await bench.cycle(1, 0xD, 1, rst_n=0)
    bench.sent, bench.received = [], []
    await bench.traffic(200, 0.7, 0.6)
    await bench.drain()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("s_valid", "s_data", "m_ready"),
        outputs=("s_ready", "m_valid", "m_data"))
