"""Tests for register_file: reset, the zero register, same-cycle forwarding on both read ports,
independent ports and a long seeded random run, all checked every cycle against a Python model."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle

NREGS = 8
WIDTH = 16
MASK = (1 << WIDTH) - 1


class Model:
    def __init__(self) -> None:
        self.regs = [0] * NREGS

    def read(self, raddr: int, we: int, waddr: int, wdata: int) -> int:
        if raddr == 0:
            return 0
        if we and waddr == raddr:
            return wdata
        return self.regs[raddr]

    def step(self, rst_n: int, we: int, waddr: int, wdata: int) -> None:
        if not rst_n:
            self.regs = [0] * NREGS
        elif we and waddr != 0:
            self.regs[waddr] = wdata


async def start(dut) -> Model:
    """Start the clock, hold reset across two rising edges and return a model in the reset state."""
    Clock(dut.clk, 10, unit="ns").start()
    dut.rst_n.value = 0
    dut.we.value = 0
    dut.waddr.value = 0
    dut.wdata.value = 0
    dut.raddr_a.value = 0
    dut.raddr_b.value = 0
    await FallingEdge(dut.clk)
    await FallingEdge(dut.clk)
    await FallingEdge(dut.clk)
    return Model()


async def cycle(dut, model: Model, we: int = 0, waddr: int = 0, wdata: int = 0,
                raddr_a: int = 0, raddr_b: int = 0, rst_n: int = 1) -> None:
    """Drive one cycle's inputs on the falling edge, check both read ports, then clock it."""
    dut.rst_n.value = rst_n
    dut.we.value = we
    dut.waddr.value = waddr
    dut.wdata.value = wdata
    dut.raddr_a.value = raddr_a
    dut.raddr_b.value = raddr_b
    await settle()
    context = (f"rst_n={rst_n} we={we} waddr={waddr} wdata={wdata:#06x} "
               f"raddr_a={raddr_a} raddr_b={raddr_b}")
    for name, raddr in (("rdata_a", raddr_a), ("rdata_b", raddr_b)):
        got = read_int(getattr(dut, name))
        expected = model.read(raddr, we, waddr, wdata)
        assert got == expected, f"{context}: got {name}={got:#06x}, expected {expected:#06x}"
    model.step(rst_n, we, waddr, wdata)
    await FallingEdge(dut.clk)


async def read_all(dut, model: Model) -> None:
    for addr in range(NREGS):
        await cycle(dut, model, raddr_a=addr, raddr_b=NREGS - 1 - addr)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def reset_clears_registers(dut):
    model = await start(dut)
    await read_all(dut, model)
    # Fill every register, then reset for a single cycle: everything must read 0 again.
    for addr in range(NREGS):
        await cycle(dut, model, we=1, waddr=addr, wdata=0xA5A0 + addr, raddr_a=addr)
    await read_all(dut, model)
    await cycle(dut, model, rst_n=0, raddr_a=3, raddr_b=5)
    assert model.regs == [0] * NREGS
    await read_all(dut, model)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def zero_register(dut):
    model = await start(dut)
    # Writes to register 0 are ignored and register 0 reads 0, even with a same-cycle write.
    await cycle(dut, model, we=1, waddr=0, wdata=0xFFFF, raddr_a=0, raddr_b=0)
    await cycle(dut, model, raddr_a=0, raddr_b=0)
    await cycle(dut, model, we=1, waddr=0, wdata=0x1234, raddr_a=0, raddr_b=1)
    await cycle(dut, model, we=1, waddr=1, wdata=0xBEEF, raddr_a=0, raddr_b=1)
    await cycle(dut, model, raddr_a=1, raddr_b=0)
    await read_all(dut, model)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def forwarding(dut):
    model = await start(dut)
    await cycle(dut, model, we=1, waddr=3, wdata=0x1111, raddr_a=3, raddr_b=4)
    await cycle(dut, model, raddr_a=3, raddr_b=3)
    # Overwrite: both ports see the new value in the write cycle, the old one only before it.
    await cycle(dut, model, we=1, waddr=3, wdata=0x2222, raddr_a=3, raddr_b=3)
    await cycle(dut, model, we=1, waddr=5, wdata=0x3333, raddr_a=3, raddr_b=5)
    # we=0 with a matching address must not forward.
    await cycle(dut, model, we=0, waddr=5, wdata=0x4444, raddr_a=5, raddr_b=3)
    await cycle(dut, model, we=0, waddr=7, wdata=0x5555, raddr_a=7, raddr_b=7)
    # Port B forwards while port A reads another register.
    await cycle(dut, model, we=1, waddr=7, wdata=0x6666, raddr_a=5, raddr_b=7)
    await cycle(dut, model, raddr_a=7, raddr_b=5)
    # Forwarding does not depend on rst_n.
    await cycle(dut, model, rst_n=0, we=1, waddr=2, wdata=0x7777, raddr_a=2, raddr_b=7)
    await read_all(dut, model)


def read_address(generator, waddr: int) -> int:
    """Often the address being written, so the write-to-read forwarding is exercised."""
    return waddr if generator.random() < 0.35 else generator.randrange(NREGS)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_traffic(dut):
    generator = rng()
    model = await start(dut)
    for step in range(1200):
        we = int(generator.random() < 0.6)
        waddr = generator.randrange(NREGS)
        wdata = generator.choice([0, MASK, generator.randrange(1 << WIDTH)])
        rst_n = 0 if step in (400, 401, 850) else 1
        await cycle(dut, model, we=we, waddr=waddr, wdata=wdata,
                    raddr_a=read_address(generator, waddr), raddr_b=read_address(generator, waddr), rst_n=rst_n)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("we", "waddr", "wdata", "raddr_a", "raddr_b"),
        outputs=("rdata_a", "rdata_b"))
