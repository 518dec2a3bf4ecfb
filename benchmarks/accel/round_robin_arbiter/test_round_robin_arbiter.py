"""Tests for round_robin_arbiter (N = 4): rotation with all requests, pointer moving to winner+1,
idle cycles not moving the pointer, reset in mid-run, and seeded random traffic that checks the
grant against a Python model every cycle plus starvation-freedom for held requests."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock

N = 4
ALL = (1 << N) - 1


class Model:
    def __init__(self) -> None:
        self.ptr = 0

    def grant(self, req: int) -> int:
        for k in range(N):
            idx = (self.ptr + k) % N
            if req >> idx & 1:
                return 1 << idx
        return 0

    def clock(self, req: int) -> None:
        g = self.grant(req)
        if g:
            self.ptr = (g.bit_length() - 1 + 1) % N


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.cycle = 0

    async def step(self, req: int) -> int:
        """Drive req on a falling edge, check the combinational grant, then let a clock edge pass."""
        self.dut.req.value = req
        await settle()
        got = read_int(self.dut.grant)
        expected = self.model.grant(req)
        assert got == expected, (
            f"cycle {self.cycle}: req=0b{req:04b} with priority pointer {self.model.ptr}: "
            f"got grant=0b{got:04b}, expected 0b{expected:04b}"
        )
        self.model.clock(req)
        await FallingEdge(self.dut.clk)
        self.cycle += 1
        return got

    async def reset(self) -> None:
        self.dut.req.value = ALL
        await reset(self.dut, cycles=2)
        self.model.ptr = 0


async def start(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await bench.reset()
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def rotation_all_requesting(dut):
    bench = await start(dut)
    grants = [await bench.step(ALL) for _ in range(3 * N)]
    assert grants == [1 << (i % N) for i in range(3 * N)], f"grant sequence {grants}"


@cocotb.test(timeout_time=10, timeout_unit="us")
async def pointer_follows_winner(dut):
    bench = await start(dut)
    await bench.step(0b0100)   # ptr 0 -> requester 2 wins -> ptr 3
    await bench.step(0b1011)   # requester 3 wins -> ptr 0
    await bench.step(0b0011)   # requester 0 wins -> ptr 1
    await bench.step(0b1001)   # requester 3 wins -> ptr 0
    await bench.step(0b1000)   # 3 again -> ptr 0
    await bench.step(0b0110)   # 1 wins -> ptr 2
    await bench.step(0b0011)   # wraps: 0 wins -> ptr 1
    await bench.step(0b0001)   # 0 wins -> ptr 1
    await bench.step(0b0101)   # 2 wins -> ptr 3
    await bench.step(0b0111)   # wraps: 0 wins
    for single in range(N):    # lone requesters always win immediately
        await bench.step(1 << single)
        await bench.step(1 << single)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def idle_cycles_keep_pointer(dut):
    bench = await start(dut)
    await bench.step(0b0001)   # ptr -> 1
    for _ in range(3):
        await bench.step(0)    # no request: no grant, pointer unchanged
    await bench.step(0b1111)   # must grant 1
    await bench.step(0)
    await bench.step(0)
    await bench.step(0b0101)   # ptr 2 -> grant 2
    for _ in range(5):
        await bench.step(0)
    await bench.step(0b1011)   # ptr 3 -> grant 3


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_mid_run(dut):
    bench = await start(dut)
    await bench.step(0b0110)   # ptr -> 2
    await bench.step(0b1111)   # grant 2, ptr -> 3
    await bench.reset()        # ptr back to 0
    await bench.step(0b1111)   # grant 0
    await bench.step(0b1100)   # grant 2, ptr -> 3
    await bench.reset()
    await bench.step(0b1010)   # grant 1


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_fairness(dut):
    generator = rng()
    bench = await start(dut)
    pending = 0
    waited = [0] * N
    for _phase in range(8):
        p_new = generator.choice([0.1, 0.3, 0.6, 0.9])
        for _ in range(60):
            # Requests are held until granted; new ones arrive at random.
            for i in range(N):
                if generator.random() < p_new:
                    pending |= 1 << i
            grant = await bench.step(pending)
            for i in range(N):
                if grant >> i & 1:
                    waited[i] = 0
                elif pending >> i & 1:
                    waited[i] += 1
                    assert waited[i] < N, (
                        f"requester {i} waited {waited[i]} cycles with its request held (limit {N - 1})"
                    )
            pending &= ~grant
        # Also some completely random (not held) request patterns.
        for _ in range(20):
            await bench.step(generator.randint(0, ALL))
        pending = 0
        waited = [0] * N


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("req",), outputs=("grant",))
