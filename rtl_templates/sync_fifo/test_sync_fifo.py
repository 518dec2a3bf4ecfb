"""cocotb tests for sync_fifo (first-word-fall-through, almost_full threshold).

Every cycle the bench drives the inputs on the falling clock edge, lets them settle and compares
count, full, empty, almost_full and (while not empty) rd_data with a Python model of the FIFO.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

from collections import deque

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock


class FifoBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.width = int(dut.WIDTH.value)
        self.depth = int(dut.DEPTH.value)
        self.threshold = int(dut.ALMOST_FULL.value)
        self.mask = (1 << self.width) - 1
        self.model: deque[int] = deque()
        self.cycles = 0

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.rst_n.value = 0
        dut.wr_en.value = 1            # requests during reset must be ignored
        dut.wr_data.value = self.mask
        dut.rd_en.value = 1
        for _ in range(3):
            await FallingEdge(dut.clk)
        dut.wr_en.value = 0
        dut.rd_en.value = 0
        dut.rst_n.value = 1

    def check_outputs(self, context: str) -> None:
        dut, model = self.dut, self.model
        level = len(model)
        got = (read_int(dut.count), read_int(dut.full), read_int(dut.empty),
               read_int(dut.almost_full))
        want = (level, int(level == self.depth), int(level == 0), int(level >= self.threshold))
        assert got == want, (
            f"cycle {self.cycles} {context}: got count/full/empty/almost_full={got}, expected {want}")
        if model:
            data = read_int(dut.rd_data)
            assert data == model[0], (
                f"cycle {self.cycles} {context}: rd_data={data:#x}, expected head {model[0]:#x}")

    async def cycle(self, wr: int = 0, data: int = 0, rd: int = 0, rst_n: int = 1) -> tuple[bool, bool]:
        """One clock cycle; returns (write accepted, read accepted) according to the model."""
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.wr_en.value = wr
        dut.wr_data.value = data
        dut.rd_en.value = rd
        await settle()
        context = f"(level={len(model)} wr={wr} data={data:#x} rd={rd} rst_n={rst_n})"
        self.check_outputs(context)
        accepted = (False, False)
        if not rst_n:
            model.clear()
        else:
            do_wr = bool(wr) and len(model) < self.depth
            do_rd = bool(rd) and len(model) > 0
            if do_rd:
                model.popleft()
            if do_wr:
                model.append(data)
            accepted = (do_wr, do_rd)
        await FallingEdge(dut.clk)
        self.cycles += 1
        return accepted

    def value(self, gen) -> int:
        return gen.getrandbits(self.width)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def reset_and_limits(dut):
    """Reset state, read when empty, fill past full, drain past empty, all with X checks."""
    bench = FifoBench(dut)
    await bench.start()
    await bench.cycle()
    await bench.cycle(rd=1)                     # read when empty: ignored
    await bench.cycle(rd=1, wr=1, data=0x5 & bench.mask)   # empty: write accepted, read ignored
    await bench.cycle(rd=1)
    gen = rng()
    for _ in range(bench.depth + 3):            # extra writes when full are ignored
        await bench.cycle(wr=1, data=bench.value(gen))
    assert len(bench.model) == bench.depth
    await bench.cycle(wr=1, rd=1, data=bench.value(gen))   # full: read accepted, write ignored
    await bench.cycle(wr=1, data=bench.mask)               # refill the freed slot
    await bench.cycle(wr=1, data=0)                        # full again: ignored
    for _ in range(bench.depth + 3):
        await bench.cycle(rd=1)
    await bench.cycle()


@cocotb.test(timeout_time=50, timeout_unit="us")
async def almost_full_threshold(dut):
    """Walk the level up and down one step at a time across the almost_full threshold."""
    bench = FifoBench(dut)
    await bench.start()
    for level in range(bench.depth):
        await bench.cycle(wr=1, data=level & bench.mask)
        await bench.cycle()
    for _ in range(bench.depth):
        await bench.cycle(rd=1)
        await bench.cycle()
    # Hold the level steady at the threshold with simultaneous read and write.
    for i in range(min(bench.threshold, bench.depth)):
        await bench.cycle(wr=1, data=(~i) & bench.mask)
    for i in range(6):
        await bench.cycle(wr=1, rd=1, data=i & bench.mask)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    """Seeded random traffic in phases that keep the FIFO near empty, near full and in between."""
    bench = FifoBench(dut)
    await bench.start()
    gen = rng()
    writes = reads = 0
    for p_wr, p_rd in [(0.9, 0.2), (0.5, 0.5), (0.2, 0.9), (0.95, 0.95), (0.7, 0.3), (0.3, 0.7)]:
        for _ in range(40 + 6 * bench.depth):
            w, r = await bench.cycle(wr=int(gen.random() < p_wr), data=bench.value(gen),
                                     rd=int(gen.random() < p_rd))
            writes += w
            reads += r
    assert writes > 4 * bench.depth and reads > 4 * bench.depth


@cocotb.test(timeout_time=50, timeout_unit="us")
async def reset_mid_run(dut):
    """Reset with a partly and a completely full FIFO: it must come back empty, old data gone."""
    bench = FifoBench(dut)
    await bench.start()
    gen = rng()
    for fill in (bench.depth // 2 + 1, bench.depth):
        for _ in range(fill):
            await bench.cycle(wr=1, data=bench.value(gen))
        await bench.cycle(wr=1, rd=1, data=bench.value(gen), rst_n=0)
        await bench.cycle(rd=1)                 # nothing to read after reset
        for i in range(3):
            await bench.cycle(wr=1, data=(0xA5 + i) & bench.mask)
        for _ in range(4):
            await bench.cycle(rd=1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("wr_en", "wr_data", "rd_en"),
        outputs=("rd_data", "full", "empty", "almost_full", "count"))
