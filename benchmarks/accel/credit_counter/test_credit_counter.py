"""Tests for credit_counter (MAX_CREDITS = 8): reset values, draining to zero and ignored sends,
simultaneous send and return at every level, excess returns (saturation and sticky error), reset
in mid-run and seeded random traffic; credits, can_send and error are checked every cycle."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock

MAX = 8


class Model:
    def __init__(self) -> None:
        self.credits = MAX
        self.error = 0

    def clock(self, rst_n: int, send: int, ret: int) -> None:
        if not rst_n:
            self.credits, self.error = MAX, 0
            return
        accepted = send and self.credits > 0
        if accepted and not ret:
            self.credits -= 1
        elif ret and not accepted:
            if self.credits == MAX:
                self.error = 1
            else:
                self.credits += 1


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.trace: list[str] = []

    def check(self, where: str) -> None:
        m = self.model
        got = (read_int(self.dut.credits), read_int(self.dut.can_send), read_int(self.dut.error))
        expected = (m.credits, int(m.credits > 0), m.error)
        assert got == expected, (
            f"{where} (recent inputs send/return: {' '.join(self.trace[-8:])}): "
            f"got credits={got[0]} can_send={got[1]} error={got[2]}, "
            f"expected credits={expected[0]} can_send={expected[1]} error={expected[2]}"
        )

    async def step(self, send: int, ret: int, rst_n: int = 1) -> None:
        self.dut.send.value = send
        self.dut.credit_return.value = ret
        self.dut.rst_n.value = rst_n
        await settle()
        # can_send must not depend on this cycle's send/return.
        self.check(f"cycle {len(self.trace)}, same cycle as send={send} return={ret}")
        self.model.clock(rst_n, send, ret)
        self.trace.append(f"{send}{ret}" if rst_n else "R")
        await FallingEdge(self.dut.clk)
        self.check(f"cycle {len(self.trace)}, after send={send} return={ret} rst_n={rst_n}")

    async def reset(self) -> None:
        self.dut.send.value = 1
        self.dut.credit_return.value = 1
        await reset(self.dut, cycles=2)
        self.model = Model()
        self.trace.append("R")
        self.check("right after reset")


async def start(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await bench.reset()
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def drain_and_refill(dut):
    bench = await start(dut)
    for _ in range(MAX):
        await bench.step(1, 0)       # down to 0
    for _ in range(3):
        await bench.step(1, 0)       # ignored: no underflow
    await bench.step(0, 0)
    for _ in range(MAX):
        await bench.step(0, 1)       # back up to MAX, no error
    await bench.step(0, 0)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def simultaneous_send_and_return(dut):
    bench = await start(dut)
    await bench.step(1, 1)           # at MAX: unchanged, no error
    await bench.step(1, 1)
    for _ in range(MAX):
        await bench.step(1, 0)
        await bench.step(1, 1)       # unchanged at every level
    await bench.step(1, 1)           # at 0: send ignored, return counted -> 1
    await bench.step(1, 1)           # at 1: unchanged
    await bench.step(1, 0)           # -> 0
    await bench.step(0, 1)           # -> 1


@cocotb.test(timeout_time=10, timeout_unit="us")
async def excess_return_sticky_error(dut):
    bench = await start(dut)
    await bench.step(0, 1)           # at MAX: saturate, error
    await bench.step(0, 0)
    await bench.step(1, 0)           # error stays set
    await bench.step(0, 1)
    await bench.step(0, 1)           # error again, still MAX
    for _ in range(MAX + 2):
        await bench.step(1, 0)
    await bench.reset()              # reset clears the error and refills
    await bench.step(1, 0)
    await bench.step(0, 1)
    await bench.step(1, 1)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_mid_run(dut):
    bench = await start(dut)
    for _ in range(5):
        await bench.step(1, 0)       # credits 3
    await bench.step(1, 0, rst_n=0)  # synchronous reset wins over send
    await bench.step(0, 0)
    for _ in range(MAX):
        await bench.step(1, 0)
    await bench.step(0, 1, rst_n=0)  # reset from 0 credits
    await bench.step(0, 1)           # at MAX again -> error


@cocotb.test(timeout_time=50, timeout_unit="us")
async def random_traffic(dut):
    generator = rng()
    bench = await start(dut)
    for _phase in range(10):
        p_send = generator.choice([0.2, 0.5, 0.8, 1.0])
        p_ret = generator.choice([0.1, 0.4, 0.6, 0.9])
        for _ in range(50):
            send = int(generator.random() < p_send)
            ret = int(generator.random() < p_ret)
            rst_n = 0 if generator.random() < 0.01 else 1
            await bench.step(send, ret, rst_n)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("send", "credit_return"),
        outputs=("credits", "can_send", "error"))
