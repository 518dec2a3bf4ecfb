"""Tests for pingpong_buffer: reset state, the first swap right after the writer's first done,
locked writes while a swap request waits, both orders of the done pulses and simultaneous pulses,
seeded random producer/consumer traffic and reset in mid-run. bank_sel, wr_pending, rd_pending and
(whenever the word read is known) rd_data are compared every cycle with a Python model."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

DEPTH = 16
WIDTH = 8


class Model:
    def __init__(self) -> None:
        self.banks: list[list[int | None]] = [[None] * DEPTH, [None] * DEPTH]
        self.reset()

    def reset(self) -> None:
        self.bank_sel = 0
        self.wr_pending = 0
        self.rd_pending = 1
        self.rd_data: int | None = 0

    def step(self, rst_n, wr_en, wr_addr, wr_data, wr_done, rd_addr, rd_done) -> None:
        if not rst_n:
            self.reset()
            return
        self.rd_data = self.banks[1 - self.bank_sel][rd_addr]
        if wr_en and not self.wr_pending:
            self.banks[self.bank_sel][wr_addr] = wr_data
        wr_req = self.wr_pending or wr_done
        rd_req = self.rd_pending or rd_done
        if wr_req and rd_req:
            self.bank_sel ^= 1
            self.wr_pending = self.rd_pending = 0
        else:
            self.wr_pending, self.rd_pending = int(bool(wr_req)), int(bool(rd_req))


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.checked_reads = 0

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.wr_en.value = 1
        dut.wr_addr.value = 0
        dut.wr_data.value = 0xEE
        dut.wr_done.value = 1
        dut.rd_addr.value = 0
        dut.rd_done.value = 1
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, wr_en: int = 0, wr_addr: int = 0, wr_data: int = 0, wr_done: int = 0,
                    rd_addr: int = 0, rd_done: int = 0, rst_n: int = 1) -> None:
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.wr_en.value = wr_en
        dut.wr_addr.value = wr_addr
        dut.wr_data.value = wr_data
        dut.wr_done.value = wr_done
        dut.rd_addr.value = rd_addr
        dut.rd_done.value = rd_done
        await settle()
        context = (f"inputs rst_n={rst_n} wr_en={wr_en} wr_addr={wr_addr} wr_data={wr_data:#04x} "
                   f"wr_done={wr_done} rd_addr={rd_addr} rd_done={rd_done}")
        got = (read_int(dut.bank_sel), read_int(dut.wr_pending), read_int(dut.rd_pending))
        want = (model.bank_sel, model.wr_pending, model.rd_pending)
        assert got == want, (f"{context}: got bank_sel={got[0]} wr_pending={got[1]} rd_pending={got[2]}, "
                             f"expected bank_sel={want[0]} wr_pending={want[1]} rd_pending={want[2]}")
        if model.rd_data is not None:
            got_data = read_int(dut.rd_data)
            assert got_data == model.rd_data, (
                f"{context}: got rd_data={got_data:#04x}, expected {model.rd_data:#04x}")
            self.checked_reads += 1
        model.step(rst_n, wr_en, wr_addr, wr_data, wr_done, rd_addr, rd_done)
        await FallingEdge(dut.clk)

    async def fill(self, base: int, rd_addrs=None, done_on_last: bool = True) -> None:
        """Write word (base + a) to every address a; the last write carries wr_done."""
        for addr in range(DEPTH):
            rd_addr = rd_addrs[addr] if rd_addrs else 0
            await self.cycle(wr_en=1, wr_addr=addr, wr_data=(base + addr) & 0xFF,
                             wr_done=int(done_on_last and addr == DEPTH - 1), rd_addr=rd_addr)

    async def read_bank(self, rd_done_on_last: bool = False) -> None:
        for addr in range(DEPTH):
            await self.cycle(rd_addr=addr, rd_done=int(rd_done_on_last and addr == DEPTH - 1))
        await self.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    await bench.cycle(rd_done=1)   # reader already released: no change
    await bench.cycle(rd_addr=5)
    await bench.cycle()


@cocotb.test(timeout_time=50, timeout_unit="us")
async def first_swap_and_read(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.fill(0x10)          # wr_done with the last write swaps at once
    assert bench.model.bank_sel == 1
    await bench.read_bank()
    assert bench.checked_reads >= DEPTH, "reads of the filled bank were not checked"


@cocotb.test(timeout_time=50, timeout_unit="us")
async def locked_while_pending(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.fill(0x20)          # bank 0 filled, swap: writer now owns bank 1
    await bench.fill(0x40, rd_addrs=list(range(DEPTH)))  # reader reads bank 0 meanwhile
    assert bench.model.wr_pending == 1
    # Writes while pending are ignored and further wr_done pulses change nothing.
    for addr in range(DEPTH):
        await bench.cycle(wr_en=1, wr_addr=addr, wr_data=0xFF - addr, wr_done=addr & 1,
                          rd_addr=DEPTH - 1 - addr)
    await bench.cycle(rd_addr=3, rd_done=1)   # swap now
    await bench.read_bank()                    # reads bank 1: the 0x40 pattern
    assert bench.model.bank_sel == 0


@cocotb.test(timeout_time=50, timeout_unit="us")
async def done_orders(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.fill(0x00)
    # Reader finishes first, writer later.
    await bench.cycle(rd_addr=1, rd_done=1)
    await bench.cycle(rd_addr=2)
    await bench.fill(0x80, rd_addrs=[(5 * a) % DEPTH for a in range(DEPTH)])
    assert bench.model.bank_sel == 0
    # Both in the same cycle, with a write in that cycle.
    await bench.fill(0xA0, done_on_last=False)
    await bench.cycle(wr_en=1, wr_addr=7, wr_data=0x5A, wr_done=1, rd_addr=7, rd_done=1)
    assert bench.model.bank_sel == 1
    await bench.read_bank()
    # Writer first, reader a few cycles later.
    await bench.cycle(wr_done=1)
    await bench.cycle(wr_en=1, wr_addr=0, wr_data=0x99)
    await bench.cycle(rd_done=1, rd_addr=0)
    await bench.read_bank()


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_traffic(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for step in range(1500):
        await bench.cycle(wr_en=int(generator.random() < 0.7), wr_addr=generator.randrange(DEPTH),
                          wr_data=generator.randrange(1 << WIDTH),
                          wr_done=int(generator.random() < 0.06), rd_addr=generator.randrange(DEPTH),
                          rd_done=int(generator.random() < 0.06),
                          rst_n=int(step not in (700, 1100)))
    assert bench.checked_reads > 500, f"only {bench.checked_reads} reads could be checked"


@cocotb.test(timeout_time=50, timeout_unit="us")
async def reset_mid_run(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.fill(0x30)
    await bench.fill(0x60, done_on_last=False)
    await bench.cycle(wr_done=1)
    await bench.cycle(rd_done=0)
    # Reset while the writer is pending: control state returns to its reset values, bank contents stay.
    await bench.cycle(wr_en=1, wr_addr=2, wr_data=0x11, wr_done=1, rd_done=1, rst_n=0)
    await bench.read_bank()          # bank 1 (reader's bank after reset) still holds the 0x60 pattern
    await bench.cycle(wr_done=1)
    await bench.read_bank()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("wr_en", "wr_addr", "wr_data", "wr_done", "rd_addr", "rd_done"),
        outputs=("rd_data", "bank_sel", "wr_pending", "rd_pending"))
