"""Tests for matvec_unit: a cycle-accurate model checks busy, done and all four results after every
rising edge (load and compute, extremes, writes and starts ignored while busy, back-to-back starts,
write together with start, mid-run reset, random traffic); completed results are also compared with
M x v computed directly from the loaded data."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock, to_signed

DMIN, DMAX = -128, 127
Y_W = 18
STEPS = 4


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.mat = [0] * 16
        self.vec = [0] * 4
        self.busy = 0
        self.done = 0
        self.y = [0] * 4
        self.column = 0
        self.partial = [0] * 4

    def step(self, rst_n, m_we, m_addr, m_data, v_we, v_addr, v_data, start) -> None:
        if not rst_n:
            self.reset()
            return
        if not self.busy:
            self.done = 0
            if m_we:
                self.mat[m_addr] = m_data
            if v_we:
                self.vec[v_addr] = v_data
            if start:
                self.busy, self.column, self.partial = 1, 0, [0] * 4
            return
        k = self.column
        self.partial = [self.partial[r] + self.mat[4 * r + k] * self.vec[k] for r in range(4)]
        self.column += 1
        if self.column == STEPS:
            self.busy, self.done, self.y = 0, 1, list(self.partial)

    def product(self) -> list[int]:
        return [sum(self.mat[4 * r + k] * self.vec[k] for k in range(4)) for r in range(4)]


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()

    async def cycle(self, rst_n=1, m_we=0, m_addr=0, m_data=0, v_we=0, v_addr=0, v_data=0, start=0):
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.m_we.value = m_we
        dut.m_addr.value = m_addr
        dut.m_data.value = m_data & 0xFF
        dut.v_we.value = v_we
        dut.v_addr.value = v_addr
        dut.v_data.value = v_data & 0xFF
        dut.start.value = start
        await FallingEdge(dut.clk)
        self.model.step(rst_n, m_we, m_addr, m_data, v_we, v_addr, v_data, start)
        word = read_int(dut.y)
        got = (read_int(dut.busy), read_int(dut.done), [to_signed(word >> (r * Y_W), Y_W) for r in range(4)])
        expected = (self.model.busy, self.model.done, self.model.y)
        assert got == expected, (
            f"after edge with rst_n={rst_n} m_we={m_we} m_addr={m_addr} m_data={m_data} v_we={v_we} "
            f"v_addr={v_addr} v_data={v_data} start={start}: got (busy, done, y)={got}, expected {expected}"
        )

    async def load(self, matrix: list[list[int]], vector: list[int]) -> None:
        """Write all elements while idle; the vector is written alongside the first four matrix rows."""
        for index in range(16):
            v_we = int(index < 4)
            await self.cycle(m_we=1, m_addr=index, m_data=matrix[index // 4][index % 4],
                             v_we=v_we, v_addr=index % 4, v_data=vector[index % 4] if v_we else 0)

    async def compute(self) -> list[int]:
        """Start, wait for done (checking every cycle), and return the model's direct M x v."""
        assert self.model.busy == 0, "bench error: compute() while busy"
        expected = self.model.product()
        await self.cycle(start=1)
        for _ in range(STEPS):
            await self.cycle()
        assert self.model.done == 1 and self.model.y == expected, "bench error: model disagrees with M x v"
        return expected


async def start_bench(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await FallingEdge(dut.clk)
    for _ in range(2):
        await bench.cycle(rst_n=0)
    return bench


def random_matrix(generator):
    return [[generator.randint(DMIN, DMAX) for _ in range(4)] for _ in range(4)]


def random_vector(generator):
    return [generator.randint(DMIN, DMAX) for _ in range(4)]


@cocotb.test(timeout_time=100, timeout_unit="us")
async def load_and_compute(dut):
    bench = await start_bench(dut)
    await bench.compute()  # freshly reset storage gives all zeros
    await bench.load([[1, 2, 3, 4], [5, 6, 7, 8], [-1, -2, -3, -4], [0, 0, 0, 1]], [1, 10, 100, -1])
    await bench.compute()
    for _ in range(3):
        await bench.cycle()  # y holds, done was a single pulse
    await bench.compute()  # same data again without reloading
    await bench.load([[DMIN] * 4, [DMAX] * 4, [DMIN, DMAX, DMIN, DMAX], [DMAX, DMIN, DMAX, DMIN]], [DMIN] * 4)
    await bench.compute()
    await bench.load([[DMIN] * 4, [DMAX] * 4, [DMIN, DMAX, DMIN, DMAX], [0, 0, 0, 0]], [DMAX, DMIN, DMAX, DMIN])
    await bench.compute()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def element_addressing(dut):
    bench = await start_bench(dut)
    await bench.load([[0] * 4 for _ in range(4)], [0] * 4)
    for index in range(16):
        await bench.cycle(m_we=1, m_addr=index, m_data=index + 1)
        await bench.cycle(v_we=1, v_addr=index % 4, v_data=3)
        await bench.compute()
        await bench.cycle(m_we=1, m_addr=index, m_data=0, v_we=1, v_addr=index % 4, v_data=0)
    for k in range(4):
        await bench.cycle(v_we=1, v_addr=k, v_data=(k + 1) * 7)
    await bench.compute()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def busy_ignores_writes_and_starts(dut):
    generator = rng()
    bench = await start_bench(dut)
    await bench.load(random_matrix(generator), random_vector(generator))
    await bench.cycle(start=1)
    for step in range(STEPS):
        # every write and start during busy must be ignored
        await bench.cycle(m_we=1, m_addr=generator.randrange(16), m_data=generator.randint(DMIN, DMAX),
                          v_we=1, v_addr=step, v_data=generator.randint(DMIN, DMAX), start=1)
    # done cycle: idle again, so this start (with a write in the same cycle) is accepted back-to-back
    await bench.cycle(start=1, v_we=1, v_addr=2, v_data=-77)
    for _ in range(STEPS):
        await bench.cycle(start=1)
    for _ in range(2 * (STEPS + 1)):
        await bench.cycle(start=1, m_we=1, m_addr=5, m_data=99)
    for _ in range(3):
        await bench.cycle()
    await bench.compute()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_computation(dut):
    generator = rng()
    bench = await start_bench(dut)
    for cut in (1, 2, 4, 5):
        await bench.load(random_matrix(generator), random_vector(generator))
        await bench.compute()
        await bench.cycle(start=1)
        for _ in range(cut - 1):
            await bench.cycle()
        await bench.cycle(rst_n=0, start=1, m_we=1, m_addr=3, m_data=9, v_we=1, v_addr=3, v_data=9)
        for _ in range(STEPS + 2):
            await bench.cycle()
        await bench.compute()  # storage was cleared by reset: all results 0


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_traffic(dut):
    generator = rng()
    bench = await start_bench(dut)
    for _ in range(1500):
        await bench.cycle(
            rst_n=0 if generator.random() < 0.005 else 1,
            m_we=int(generator.random() < 0.5),
            m_addr=generator.randrange(16),
            m_data=generator.randint(DMIN, DMAX),
            v_we=int(generator.random() < 0.3),
            v_addr=generator.randrange(4),
            v_data=generator.randint(DMIN, DMAX),
            start=int(generator.random() < 0.25),
        )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("m_we", "m_addr", "m_data", "v_we", "v_addr", "v_data", "start"),
        outputs=("busy", "done", "y"))
