"""cocotb tests for credit_sender.

A Python model of the credit counter and the two sticky error flags is compared with the DUT
every cycle (inputs driven on the falling edge, outputs checked after they settle). Traffic comes
from a modelled receiver that returns each consumed credit after a random delay (legal traffic,
which must never raise a flag), plus directed and random illegal returns and sends.
Parameters are read from the DUT, so the same tests check every parameterization.
"""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class CreditBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.max = int(dut.CREDITS.value)
        self.gen = rng()
        self.clear()
        self.sent = 0

    def clear(self) -> None:
        self.credits = self.max
        self.overflow = 0
        self.underflow = 0
        self.returns: list[int] = []      # receiver: cycles until each consumed credit returns

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.send.value = 1                # ignored during reset
        dut.credit_return.value = 1
        await reset(dut, cycles=3)
        dut.send.value = 0
        dut.credit_return.value = 0

    async def cycle(self, send: int, ret: int, rst_n: int = 1) -> bool:
        dut = self.dut
        dut.send.value = send
        dut.credit_return.value = ret
        dut.rst_n.value = rst_n
        await settle()
        want = (self.credits, int(self.credits > 0), self.overflow, self.underflow)
        got = (read_int(dut.credits), read_int(dut.can_send), read_int(dut.overflow),
               read_int(dut.underflow))
        assert got == want, (
            f"send={send} credit_return={ret}: credits/can_send/overflow/underflow={got}, expected {want}")
        fire = bool(send and self.credits > 0)
        if not rst_n:
            self.clear()
            fire = False
        else:
            if send and self.credits == 0:
                self.underflow = 1
            if ret and not fire and self.credits == self.max:
                self.overflow = 1
            self.credits = min(self.max, self.credits - int(fire) + ret)
        await FallingEdge(dut.clk)
        return fire

    async def legal(self, cycles: int, p_send: float, max_delay: int) -> None:
        """Receiver returns every consumed credit after 0..max_delay cycles (one per cycle)."""
        for _ in range(cycles):
            self.returns = [d - 1 for d in self.returns]
            ret = 0
            if self.returns and min(self.returns) <= 0:
                self.returns.remove(min(self.returns))
                ret = 1
            # A well-behaved sender only sends while can_send is 1.
            send = int(self.gen.random() < p_send and read_int(self.dut.can_send) == 1)
            if await self.cycle(send, ret):
                self.sent += 1
                self.returns.append(1 + self.gen.randint(0, max_delay))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def spend_and_refill(dut):
    """Spend every credit, try once more (underflow), refill, return once more (overflow)."""
    bench = CreditBench(dut)
    await bench.start()
    await bench.cycle(0, 0)
    for _ in range(bench.max):
        assert await bench.cycle(1, 0)
    assert not await bench.cycle(1, 0)            # no credit: dropped, underflow
    assert bench.underflow == 1
    await bench.cycle(1, 1)                       # zero credits: send dropped, return counts
    await bench.cycle(1, 1)                       # one out, one back
    for _ in range(bench.max - 1):
        await bench.cycle(0, 1)
    await bench.cycle(1, 1)                       # at max: send and return together is legal
    await bench.cycle(0, 1)                       # overflow, saturated
    assert bench.overflow == 1
    await bench.cycle(0, 0)
    await bench.cycle(0, 0)                       # flags are sticky


@cocotb.test(timeout_time=300, timeout_unit="us")
async def legal_traffic_no_errors(dut):
    """A well-behaved receiver with random return delays never causes an error flag."""
    bench = CreditBench(dut)
    await bench.start()
    for p_send, delay in [(0.5, 3), (1.0, 2 * bench.max + 5), (0.9, 1), (0.3, 10), (1.0, 0)]:
        await bench.legal(100 + 10 * bench.max, p_send, delay)
    assert bench.overflow == 0 and bench.underflow == 0
    assert bench.sent > 100


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_including_errors(dut):
    """Fully random send/credit_return, including illegal patterns, against the model."""
    bench = CreditBench(dut)
    await bench.start()
    for p_send, p_ret in [(0.7, 0.2), (0.2, 0.7), (0.5, 0.5), (0.9, 0.9)]:
        for _ in range(100 + 10 * bench.max):
            await bench.cycle(int(bench.gen.random() < p_send), int(bench.gen.random() < p_ret))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_run(dut):
    """Reset restores CREDITS credits and clears both sticky flags."""
    bench = CreditBench(dut)
    await bench.start()
    for _ in range(bench.max + 1):
        await bench.cycle(1, 0)
    for _ in range(bench.max + 1):
        await bench.cycle(0, 1)
    assert bench.overflow and bench.underflow
    await bench.cycle(1, 1, rst_n=0)
    await bench.legal(50 + 4 * bench.max, 0.8, 4)
    await bench.cycle(0, 0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("send", "credit_return"),
        outputs=("can_send", "credits", "overflow", "underflow"))
