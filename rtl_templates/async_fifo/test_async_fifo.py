"""cocotb tests for async_fifo (dual clock, Gray pointers, two-flop synchronizers).

The write and read clocks are unrelated (for example 10 ns and 14 ns, the read clock shifted by
1.5 ns so that no edge of one clock ever coincides with an edge of the other). Each domain has its
own driver coroutine that drives on the falling edge of its clock and checks the outputs of its
domain against a cycle-exact Python model of the FIFO and of both synchronizer chains:

- write side: full and wr_level, which must equal the writes so far minus the reads that the
  write domain has seen through its two synchronizer flops (so full is never wrongly 0 and never
  stays 1 longer than the synchronizer latency);
- read side: empty, rd_level and, while not empty, rd_data against the oldest written word
  (ordering, no loss, no duplication).

Parameters are read from the DUT, so the same tests check every parameterization.
"""

from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.simtime import get_sim_time
from cocotb.triggers import FallingEdge, RisingEdge, Timer

from workbench.tb import read_int, rng, settle


class AsyncBench:
    def __init__(self, dut, wr_period: int, rd_period: int) -> None:
        self.dut = dut
        self.width = int(dut.WIDTH.value)
        self.depth = int(dut.DEPTH.value)
        self.wr_period = wr_period
        self.rd_period = rd_period
        self.gen = rng()
        self.p_wr = 0.0
        self.p_rd = 0.0
        self.in_reset = True
        self.errors: list[str] = []
        self.clear_model()
        self.wr_accepted = 0
        self.rd_accepted = 0
        self.max_wr_level = 0
        self.saw_full = 0
        self.saw_empty_after_data = 0

    def clear_model(self) -> None:
        self.queue: deque[int] = deque()
        self.writes = 0          # writes committed so far (binary write pointer)
        self.reads = 0           # reads committed so far (binary read pointer)
        self.w_sync = [0, 0]     # read pointer as seen by the write domain (s1, s2)
        self.r_sync = [0, 0]     # write pointer as seen by the read domain (s1, s2)
        self.wr_pending = None
        self.rd_pending = False

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.wr_en.value = 1          # requests during reset must be ignored
        dut.rd_en.value = 1
        dut.wr_data.value = 0
        Clock(dut.wr_clk, self.wr_period, unit="ns").start()
        await Timer(1500, unit="ps")    # read edges on x.5 ns, write edges on integer ns
        Clock(dut.rd_clk, self.rd_period, unit="ns").start()
        cocotb.start_soon(self.write_domain())
        cocotb.start_soon(self.read_domain())
        for _ in range(4):
            await FallingEdge(dut.wr_clk)
        await self.check_reset_outputs()
        dut.wr_en.value = 0
        dut.rd_en.value = 0
        dut.rst_n.value = 1
        self.in_reset = False

    async def check_reset_outputs(self) -> None:
        dut = self.dut
        await settle()
        got = (read_int(dut.full), read_int(dut.wr_level), read_int(dut.empty), read_int(dut.rd_level))
        assert got == (0, 0, 1, 0), f"during reset: full/wr_level/empty/rd_level={got}, expected (0, 0, 1, 0)"

    def fail(self, message: str) -> None:
        self.errors.append(message)
        raise AssertionError(message)

    async def write_domain(self) -> None:
        dut = self.dut
        while True:
            await RisingEdge(dut.wr_clk)
            if self.in_reset:
                continue
            if self.wr_pending is not None:
                self.queue.append(self.wr_pending)
                self.writes += 1
                self.wr_accepted += 1
            self.wr_pending = None
            self.w_sync = [self.reads, self.w_sync[0]]
            await FallingEdge(dut.wr_clk)
            if self.in_reset:
                continue
            level = self.writes - self.w_sync[1]
            true_level = self.writes - self.reads
            want = (int(level == self.depth), level)
            got = (read_int(dut.full), read_int(dut.wr_level))
            if got != want:
                self.fail(f"write side at {get_sim_time('ns')} ns: full/wr_level={got}, "
                          f"expected {want} (true occupancy {true_level})")
            assert true_level <= level <= self.depth
            self.max_wr_level = max(self.max_wr_level, level)
            self.saw_full += want[0]
            wr_en = int(self.gen.random() < self.p_wr)
            data = self.gen.getrandbits(self.width)
            dut.wr_en.value = wr_en
            dut.wr_data.value = data
            if wr_en and level < self.depth:
                self.wr_pending = data

    async def read_domain(self) -> None:
        dut = self.dut
        while True:
            await RisingEdge(dut.rd_clk)
            if self.in_reset:
                continue
            if self.rd_pending:
                self.queue.popleft()
                self.reads += 1
                self.rd_accepted += 1
            self.rd_pending = False
            self.r_sync = [self.writes, self.r_sync[0]]
            await FallingEdge(dut.rd_clk)
            if self.in_reset:
                continue
            level = self.r_sync[1] - self.reads
            want = (int(level == 0), level)
            got = (read_int(dut.empty), read_int(dut.rd_level))
            if got != want:
                self.fail(f"read side at {get_sim_time('ns')} ns: empty/rd_level={got}, "
                          f"expected {want} (true occupancy {len(self.queue)})")
            assert 0 <= level <= len(self.queue)
            if level:
                data = read_int(dut.rd_data)
                if data != self.queue[0]:
                    self.fail(f"read side at {get_sim_time('ns')} ns: rd_data={data:#x}, "
                              f"expected {self.queue[0]:#x} (read #{self.reads})")
            elif self.queue:
                self.saw_empty_after_data += 1
            rd_en = int(self.gen.random() < self.p_rd)
            dut.rd_en.value = rd_en
            if rd_en and level > 0:
                self.rd_pending = True

    async def run(self, p_wr: float, p_rd: float, wr_cycles: int) -> None:
        self.p_wr, self.p_rd = p_wr, p_rd
        for _ in range(wr_cycles):
            await FallingEdge(self.dut.wr_clk)
        assert not self.errors, self.errors[0]

    async def drain(self) -> None:
        """Stop writing and read until everything written came out."""
        self.p_wr, self.p_rd = 0.0, 1.0
        for _ in range(10 * self.depth + 20):
            await FallingEdge(self.dut.rd_clk)
            if not self.queue and self.r_sync[1] == self.reads:
                break
        for _ in range(4):
            await FallingEdge(self.dut.rd_clk)
        assert not self.queue, f"{len(self.queue)} words never came out"
        assert not self.errors, self.errors[0]

    async def reset_now(self) -> None:
        """Assert the asynchronous reset away from both clocks' edges, check, release."""
        dut = self.dut
        self.p_wr, self.p_rd = 0.6, 0.6       # requests during reset are ignored
        await FallingEdge(dut.wr_clk)
        await Timer(2, unit="ns")
        self.in_reset = True
        dut.rst_n.value = 0
        self.clear_model()
        await self.check_reset_outputs()
        for _ in range(3):
            await FallingEdge(dut.rd_clk)
            await self.check_reset_outputs()
        await FallingEdge(dut.wr_clk)
        dut.wr_en.value = 0
        dut.rd_en.value = 0
        self.p_wr, self.p_rd = 0.0, 0.0
        await Timer(2, unit="ns")
        dut.rst_n.value = 1
        self.in_reset = False


@cocotb.test(timeout_time=200, timeout_unit="us")
async def fill_then_drain(dut):
    """Write until full with the reader stopped, then read everything back with no writes."""
    bench = AsyncBench(dut, 10, 14)
    await bench.start()
    await bench.run(1.0, 0.0, 2 * bench.depth + 10)
    assert bench.saw_full > 3, "FIFO never reported full"
    assert bench.wr_accepted == bench.depth
    await bench.drain()
    assert bench.rd_accepted == bench.depth


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_fast_writer(dut):
    """Write clock 10 ns, read clock 14 ns, random push/pop in phases reaching full and empty."""
    bench = AsyncBench(dut, 10, 14)
    await bench.start()
    for p_wr, p_rd in [(0.9, 0.3), (0.5, 0.9), (0.8, 0.8), (0.2, 0.95), (1.0, 1.0), (0.6, 0.5)]:
        await bench.run(p_wr, p_rd, 30 + 8 * bench.depth)
    await bench.drain()
    assert bench.saw_full and bench.rd_accepted == bench.wr_accepted > 6 * bench.depth


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_fast_reader(dut):
    """Write clock 14 ns, read clock 10 ns (swapped ratio), random push/pop."""
    bench = AsyncBench(dut, 14, 10)
    await bench.start()
    for p_wr, p_rd in [(1.0, 0.4), (0.7, 0.9), (1.0, 1.0), (0.3, 0.2), (0.9, 0.6)]:
        await bench.run(p_wr, p_rd, 30 + 8 * bench.depth)
    await bench.drain()
    assert bench.saw_full and bench.rd_accepted == bench.wr_accepted > 4 * bench.depth


@cocotb.test(timeout_time=500, timeout_unit="us")
async def very_different_clocks(dut):
    """Write clock 6 ns, read clock 26 ns, then the reverse direction of imbalance by probability."""
    bench = AsyncBench(dut, 6, 26)
    await bench.start()
    await bench.run(0.3, 1.0, 40 + 10 * bench.depth)
    await bench.run(1.0, 1.0, 40 + 10 * bench.depth)
    await bench.drain()
    assert bench.saw_full and bench.rd_accepted == bench.wr_accepted


@cocotb.test(timeout_time=500, timeout_unit="us")
async def reset_mid_run(dut):
    """Asynchronous reset with words in flight: both sides empty at once, old data never returns."""
    bench = AsyncBench(dut, 10, 14)
    await bench.start()
    await bench.run(0.9, 0.4, 10 + 2 * bench.depth)
    assert bench.queue, "expected words in flight before the reset"
    await bench.reset_now()
    await bench.run(0.8, 0.6, 20 + 4 * bench.depth)
    await bench.run(1.0, 0.0, 10 + 2 * bench.depth)     # full right before the reset
    await bench.reset_now()
    await bench.run(0.7, 0.7, 20 + 4 * bench.depth)
    await bench.drain()
