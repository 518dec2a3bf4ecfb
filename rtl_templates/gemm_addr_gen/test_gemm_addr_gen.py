"""cocotb tests for gemm_addr_gen.

The expected pass is computed in Python (tiles in row-major tile order, row-major inside each
tile; addr = row*N + col). Every cycle (inputs driven on the falling edge) the bench checks valid,
done and, while valid, addr/row/col/tile_first/tile_last against the next expected element; the
values must hold while ready is 0. Parameters are read from the DUT, so the same tests check every
parameterization (including M != N).
"""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


def tiled_order(m: int, n: int, tile: int) -> list[tuple[int, int, int, int, int]]:
    seq = []
    for tr in range(0, m, tile):
        for tc in range(0, n, tile):
            for r in range(tile):
                for c in range(tile):
                    row, col = tr + r, tc + c
                    first = int(r == 0 and c == 0)
                    last = int(r == tile - 1 and c == tile - 1)
                    seq.append((row * n + col, row, col, first, last))
    return seq


class GemmBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.m = int(dut.M.value)
        self.n = int(dut.N.value)
        self.tile = int(dut.TILE.value)
        self.seq = tiled_order(self.m, self.n, self.tile)
        assert len(self.seq) == self.m * self.n and len({s[0] for s in self.seq}) == self.m * self.n
        self.gen = rng()
        self.pos: int | None = None      # index of the element on the outputs, None = idle
        self.done = 0
        self.passes = 0

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.start.value = 1              # ignored during reset
        dut.ready.value = 1
        await reset(dut, cycles=3)
        dut.start.value = 0

    async def cycle(self, start: int, ready: int, rst_n: int = 1) -> None:
        dut = self.dut
        dut.start.value = start
        dut.ready.value = ready
        dut.rst_n.value = rst_n
        await settle()
        valid = int(self.pos is not None)
        got = (read_int(dut.valid), read_int(dut.done))
        assert got == (valid, self.done), (
            f"valid/done={got}, expected {(valid, self.done)} (element {self.pos})")
        if valid:
            outs = (read_int(dut.addr), read_int(dut.row), read_int(dut.col),
                    read_int(dut.tile_first), read_int(dut.tile_last))
            assert outs == self.seq[self.pos], (
                f"element {self.pos}: addr/row/col/tile_first/tile_last={outs}, "
                f"expected {self.seq[self.pos]}")
        self.done = 0
        if not rst_n:
            self.pos = None
        elif self.pos is None:
            if start:
                self.pos = 0
        elif ready:
            self.pos += 1
            if self.pos == len(self.seq):
                self.pos = None
                self.done = 1
                self.passes += 1
        await FallingEdge(dut.clk)

    async def run_pass(self, p_ready: float, p_start_busy: float = 0.0) -> None:
        await self.cycle(1, int(self.gen.random() < p_ready))
        while self.pos is not None:
            await self.cycle(int(self.gen.random() < p_start_busy), int(self.gen.random() < p_ready))
        assert self.done == 1


@cocotb.test(timeout_time=200, timeout_unit="us")
async def full_rate_pass(dut):
    """ready always 1: one address per cycle, done the cycle after the last; idle afterwards."""
    bench = GemmBench(dut)
    await bench.start()
    await bench.cycle(0, 1)                          # idle before start
    cycles = 0
    await bench.cycle(1, 1)
    while bench.pos is not None:
        await bench.cycle(0, 1)
        cycles += 1
    assert cycles == bench.m * bench.n
    for _ in range(3):
        await bench.cycle(0, 1)                      # stays idle without start


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_backpressure(dut):
    """Random ready, start pulses while busy (ignored), back-to-back passes."""
    bench = GemmBench(dut)
    await bench.start()
    await bench.run_pass(0.5, p_start_busy=0.3)
    await bench.run_pass(0.9, p_start_busy=0.5)      # start in the done cycle: immediate restart
    await bench.run_pass(0.2)
    for _ in range(5):
        await bench.cycle(0, int(bench.gen.random() < 0.5))
    await bench.run_pass(1.0, p_start_busy=1.0)
    assert bench.passes == 4


@cocotb.test(timeout_time=200, timeout_unit="us")
async def stalls_hold_outputs(dut):
    """Long stalls on tile boundaries: outputs hold until ready."""
    bench = GemmBench(dut)
    await bench.start()
    await bench.cycle(1, 0)
    while bench.pos is not None:
        element = bench.seq[bench.pos]
        stall = 3 if (element[3] or element[4]) else 0
        for _ in range(stall):
            await bench.cycle(0, 0)
        await bench.cycle(0, 1)
    await bench.cycle(0, 0)


@cocotb.test(timeout_time=300, timeout_unit="us")
async def reset_mid_pass(dut):
    """Reset in the middle of a pass: idle afterwards, a new pass starts from element 0."""
    bench = GemmBench(dut)
    await bench.start()
    await bench.cycle(1, 1)
    for _ in range(bench.m * bench.n // 2 + 1):
        await bench.cycle(0, 1)
    await bench.cycle(1, 1, rst_n=0)
    await bench.cycle(0, 1)
    await bench.run_pass(0.7)
    await bench.cycle(0, 1)


def assert_outputs_cleared(dut, when: str) -> None:
    outputs = {name: read_int(getattr(dut, name))
               for name in ("valid", "done", "addr", "row", "col", "tile_first", "tile_last")}
    assert not any(outputs.values()), f"{when}: {outputs}, reset must clear every output"


@cocotb.test(timeout_time=200, timeout_unit="us")
async def reset_clears_outputs(dut):
    """Reset clears every output, the data outputs too (which valid = 0 otherwise leaves holding)."""
    bench = GemmBench(dut)
    await bench.start()
    await settle()
    assert_outputs_cleared(dut, "after reset")
    await bench.cycle(1, 1)
    for _ in range(bench.m * bench.n - 1):
        await bench.cycle(0, 1)
    # On the last element: row, col, addr and tile_last are all nonzero.
    await bench.cycle(0, 1, rst_n=0)
    await settle()
    assert_outputs_cleared(dut, "after a reset on the last element of a pass")
    await bench.run_pass(1.0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("start", "ready"),
        outputs=("valid", "addr", "row", "col", "tile_first", "tile_last", "done"))
