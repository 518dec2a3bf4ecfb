"""cocotb tests for pipeline_reg.

A cycle-exact Python model of the whole chain (every stage's registers, in either READY_REG mode)
is compared with the DUT every cycle: s_ready, m_valid and, while valid, m_data. A scoreboard
checks in-order delivery without loss or duplication; directed tests check the latency of exactly
STAGES cycles and one word per cycle throughput. Inputs are driven on the falling edge.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

from collections import deque

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class ChainModel:
    """Stage g holds main[g] (output register) and, in READY_REG mode, skid[g]; None = empty."""

    def __init__(self, stages: int, ready_reg: bool) -> None:
        self.stages = stages
        self.ready_reg = ready_reg
        self.clear()

    def clear(self) -> None:
        self.main: list[int | None] = [None] * self.stages
        self.skid: list[int | None] = [None] * self.stages

    def readies(self, m_ready: int) -> list[int]:
        """r[g] = ready into stage g; r[stages] = m_ready."""
        r = [0] * (self.stages + 1)
        r[self.stages] = m_ready
        for g in reversed(range(self.stages)):
            if self.ready_reg:
                r[g] = int(self.skid[g] is None)
            else:
                r[g] = int(self.main[g] is None or r[g + 1])
        return r

    def outputs(self, s_valid: int, s_data: int, m_ready: int) -> tuple[int, int, int | None]:
        r = self.readies(m_ready)
        if self.stages == 0:
            return r[0], s_valid, s_data if s_valid else None
        last = self.main[-1]
        return r[0], int(last is not None), last

    def step(self, s_valid: int, s_data: int, m_ready: int) -> None:
        r = self.readies(m_ready)
        incoming = [s_data if s_valid else None] + self.main[:-1]
        new_main, new_skid = list(self.main), list(self.skid)
        for g in range(self.stages):
            word, out_ready = incoming[g], r[g + 1]
            if not self.ready_reg:
                if r[g]:
                    new_main[g] = word
            elif self.skid[g] is not None:
                if out_ready:
                    new_main[g], new_skid[g] = self.skid[g], None
            elif word is not None:
                if self.main[g] is None or out_ready:
                    new_main[g] = word
                else:
                    new_skid[g] = word
            elif out_ready:
                new_main[g] = None
        self.main, self.skid = new_main, new_skid


class PipeBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.width = int(dut.WIDTH.value)
        self.stages = int(dut.STAGES.value)
        self.ready_reg = bool(int(dut.READY_REG.value))
        self.model = ChainModel(self.stages, self.ready_reg)
        self.gen = rng()
        self.in_flight: deque[int] = deque()
        self.delivered = 0

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.s_valid.value = 0
        dut.s_data.value = 0
        dut.m_ready.value = 1
        await reset(dut, cycles=3)

    async def cycle(self, valid: int, data: int, ready: int, rst_n: int = 1) -> tuple[int, int]:
        dut = self.dut
        data &= (1 << self.width) - 1
        dut.s_valid.value = valid
        dut.s_data.value = data
        dut.m_ready.value = ready
        dut.rst_n.value = rst_n
        await settle()
        s_ready, m_valid, m_data = self.model.outputs(valid, data, ready)
        got = (read_int(dut.s_ready), read_int(dut.m_valid))
        assert got == (s_ready, m_valid), (
            f"s_ready/m_valid={got}, expected {(s_ready, m_valid)} "
            f"(stages main={self.model.main} skid={self.model.skid} s_valid={valid} m_ready={ready})")
        if m_valid:
            out = read_int(dut.m_data)
            assert out == m_data, f"m_data={out:#x}, expected {m_data:#x}"
        s_fire, m_fire = valid and s_ready, m_valid and ready
        if not rst_n:
            if self.stages == 0:
                s_fire = m_fire = 0
            self.model.clear()
            self.in_flight.clear()
        if rst_n or self.stages == 0:
            if s_fire:
                self.in_flight.append(data)
            if m_fire:
                assert self.in_flight and self.in_flight.popleft() == m_data, "word out of order"
                self.delivered += 1
        if rst_n:
            self.model.step(valid, data, ready)
        await FallingEdge(dut.clk)
        return int(s_fire), int(m_fire)

    async def traffic(self, n: int, p_valid: float, p_ready: float) -> None:
        for _ in range(n):
            await self.cycle(int(self.gen.random() < p_valid), self.gen.getrandbits(self.width),
                             int(self.gen.random() < p_ready))

    async def drain(self) -> None:
        for _ in range(2 * self.stages + 2):
            await self.cycle(0, 0, 1)
        assert not self.in_flight, f"{len(self.in_flight)} words lost"


@cocotb.test(timeout_time=100, timeout_unit="us")
async def latency_and_throughput(dut):
    """A single word takes exactly STAGES cycles; a continuous stream passes one word per cycle."""
    bench = PipeBench(dut)
    await bench.start()
    _, m_fire = await bench.cycle(1, 0x5A5A5A5A, 1)
    cycles = 0
    while not m_fire:
        _, m_fire = await bench.cycle(0, 0, 1)
        cycles += 1
        assert cycles <= bench.stages, "word did not arrive"
    assert cycles == bench.stages, f"latency {cycles}, expected {bench.stages}"
    outs = []
    for i in range(40):
        s_fire, m_fire = await bench.cycle(1, i * 0x01010101 + 7, 1)
        assert s_fire, "s_ready dropped in a free-flowing stream"
        outs.append(m_fire)
    assert all(outs[bench.stages:]), "not one word per cycle"
    await bench.drain()


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_handshakes(dut):
    """Random valid/ready in phases; exact per-stage model and in-order scoreboard."""
    bench = PipeBench(dut)
    await bench.start()
    for p_valid, p_ready in [(0.5, 0.5), (1.0, 0.3), (0.3, 1.0), (0.9, 0.9), (1.0, 0.7), (0.6, 0.2)]:
        await bench.traffic(250, p_valid, p_ready)
    await bench.drain()
    assert bench.delivered > 500


@cocotb.test(timeout_time=100, timeout_unit="us")
async def stall_fill_release(dut):
    """Sink stalls until the chain is full and s_ready falls, then releases."""
    bench = PipeBench(dut)
    await bench.start()
    for i in range(3 * bench.stages + 3):
        await bench.cycle(1, 0x100 + i, 0)
    for i in range(3 * bench.stages + 3):
        await bench.cycle(1, 0x200 + i, 1)
    await bench.drain()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_run(dut):
    """Reset with the chain full: all words dropped, chain empty and ready afterwards."""
    bench = PipeBench(dut)
    await bench.start()
    for i in range(2 * bench.stages + 2):
        await bench.cycle(1, i + 1, 0)
    await bench.cycle(1, 0x77, 1, rst_n=0)
    await bench.cycle(0, 0, 0, rst_n=0)
    await bench.traffic(150, 0.8, 0.6)
    await bench.drain()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("s_valid", "s_data", "m_ready"),
        outputs=("s_ready", "m_valid", "m_data"))
