"""Tests for timer_watchdog (WIDTH = 16): idle after reset, countdown and timeout timing, kicks
(including the last-moment kick and kicks while paused), load/kick priority, sticky expired,
wide values, reset in mid-run and seeded random control traffic; count, timeout and expired are
checked against a Python model every cycle."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, start_clock

WIDTH = 16
MASK = (1 << WIDTH) - 1


class Model:
    def __init__(self) -> None:
        self.reload = self.count = self.timeout = self.expired = 0

    def clock(self, rst_n: int, enable: int, load: int, value: int, kick: int) -> None:
        if not rst_n:
            self.reload = self.count = self.timeout = self.expired = 0
            return
        self.timeout = 0
        if load:
            self.reload = self.count = value
            self.expired = 0
        elif kick:
            self.count = self.reload
        elif enable and self.count:
            self.count -= 1
            if self.count == 0:
                self.timeout = self.expired = 1


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.trace: list[str] = []

    def check(self, where: str) -> None:
        m = self.model
        got = (read_int(self.dut.count), read_int(self.dut.timeout), read_int(self.dut.expired))
        expected = (m.count, m.timeout, m.expired)
        assert got == expected, (
            f"{where} (recent inputs: {' '.join(self.trace[-6:])}): got count={got[0]} "
            f"timeout={got[1]} expired={got[2]}, expected count={expected[0]} "
            f"timeout={expected[1]} expired={expected[2]}"
        )

    async def step(self, enable: int = 1, load: int = 0, value: int = 0, kick: int = 0,
                   rst_n: int = 1) -> None:
        d = self.dut
        d.enable.value = enable
        d.load.value = load
        d.load_value.value = value
        d.kick.value = kick
        d.rst_n.value = rst_n
        self.model.clock(rst_n, enable, load, value, kick)
        desc = "R" if not rst_n else f"en={enable}" + (f",load={value}" if load else "") + (",kick" if kick else "")
        self.trace.append(desc)
        await FallingEdge(d.clk)
        self.check(f"cycle {len(self.trace)} after [{desc}]")

    async def run(self, cycles: int, enable: int = 1) -> None:
        for _ in range(cycles):
            await self.step(enable=enable)

    async def reset(self) -> None:
        d = self.dut
        d.enable.value = 1
        d.load.value = 0
        d.load_value.value = 0
        d.kick.value = 0
        await reset(d, cycles=2)
        self.model = Model()
        self.trace.append("R")
        self.check("right after reset")


async def start(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await bench.reset()
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def idle_after_reset(dut):
    bench = await start(dut)
    await bench.run(5)                 # count 0: stopped, no timeout
    await bench.step(kick=1)           # reload is 0: still stopped
    await bench.run(3)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def countdown_and_timeout(dut):
    bench = await start(dut)
    await bench.step(load=1, value=5)
    await bench.run(8)                 # 4,3,2,1,0 (timeout), then stays 0
    await bench.step(load=1, value=1)  # clears expired
    await bench.run(3)                 # immediate timeout on the next cycle
    await bench.step(load=1, value=3)
    await bench.run(2, enable=0)       # paused
    await bench.run(5)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def kicks(dut):
    bench = await start(dut)
    await bench.step(load=1, value=4)
    await bench.run(2)
    await bench.step(kick=1)           # restart from 4
    await bench.run(3)                 # count now 1
    await bench.step(kick=1)           # last-moment kick: no timeout
    await bench.run(2)
    await bench.step(enable=0, kick=1) # kick works while paused
    await bench.run(2, enable=0)
    await bench.run(6)                 # times out
    await bench.step(kick=1)           # kick after expiry restarts, expired stays 1
    await bench.run(6)                 # times out again: second pulse
    await bench.step(enable=0, kick=1)
    await bench.step(kick=1, load=1, value=2)  # load wins over kick, clears expired
    await bench.run(4)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def load_priority_and_zero(dut):
    bench = await start(dut)
    await bench.step(load=1, value=3)
    await bench.step(load=1, value=6, enable=0)  # reload while paused
    await bench.step(kick=1, load=1, value=2)     # load wins
    await bench.run(1)
    await bench.step(kick=1)                      # reload is 2 now (not 6)
    await bench.run(4)
    await bench.step(load=1, value=0)             # load 0 stops, clears expired
    await bench.run(3)
    await bench.step(kick=1)
    await bench.run(2)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def wide_values(dut):
    bench = await start(dut)
    await bench.step(load=1, value=MASK)
    await bench.run(5)
    await bench.step(load=1, value=0x8001)
    await bench.run(3)
    await bench.step(kick=1)
    await bench.run(2, enable=0)
    await bench.run(2)
    await bench.step(load=1, value=0x0100)
    await bench.run(0x100 + 2)                    # crosses the byte boundary and times out


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_mid_run(dut):
    bench = await start(dut)
    await bench.step(load=1, value=3)
    await bench.run(4)                            # expired
    await bench.step(kick=1)
    await bench.run(1)
    await bench.step(rst_n=0)                     # clears count, reload, flags
    await bench.run(3)
    await bench.step(kick=1)                      # reload was reset to 0: stays stopped
    await bench.run(2)
    await bench.step(load=1, value=2)
    await bench.run(1)                            # count 1 ...
    await bench.step(rst_n=0)                     # ... reset right before the timeout
    await bench.run(3)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_control(dut):
    generator = rng()
    bench = await start(dut)
    for _phase in range(10):
        p_kick = generator.choice([0.0, 0.05, 0.15, 0.4])
        p_enable = generator.choice([0.6, 0.9, 1.0])
        for _ in range(60):
            load = int(generator.random() < 0.05)
            value = generator.randint(0, 12) if generator.random() < 0.9 else generator.randint(0, MASK)
            await bench.step(
                enable=int(generator.random() < p_enable),
                load=load,
                value=value,
                kick=int(generator.random() < p_kick),
                rst_n=0 if generator.random() < 0.01 else 1,
            )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("enable", "load", "load_value", "kick"),
        outputs=("count", "timeout", "expired"))
