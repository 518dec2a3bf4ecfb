"""Tests for token_bucket (DEPTH = 15, RATE = 4): reset state, refill timing, same-cycle refill and
consume rules (including a full bucket), invalid request sizes, the long-run rate, reset in
mid-run (timer restart) and seeded random requests; grant is checked in the cycle of the request
and tokens every cycle against a Python model."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock

DEPTH = 15
RATE = 4


class Model:
    def __init__(self) -> None:
        self.tokens = DEPTH
        self.phase = 0

    def grant(self, req: int, size: int) -> int:
        return int(bool(req) and 1 <= size <= 4 and size <= self.tokens)

    def clock(self, rst_n: int, req: int, size: int) -> None:
        if not rst_n:
            self.tokens, self.phase = DEPTH, 0
            return
        refill = self.phase == RATE - 1
        consumed = size if self.grant(req, size) else 0
        self.tokens = min(DEPTH, self.tokens - consumed + int(refill))
        self.phase = 0 if refill else self.phase + 1


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.trace: list[str] = []

    def where(self) -> str:
        return (f"cycle {len(self.trace)} (refill timer phase {self.model.phase}; recent requests "
                f"oldest first, '-' none, R reset: {' '.join(self.trace[-8:])})")

    async def step(self, req: int = 0, size: int = 0, rst_n: int = 1) -> int:
        d = self.dut
        d.req.value = req
        d.req_tokens.value = size
        d.rst_n.value = rst_n
        await settle()
        got_tokens = read_int(d.tokens)
        assert got_tokens == self.model.tokens, (
            f"{self.where()}: got tokens={got_tokens}, expected {self.model.tokens}"
        )
        granted = 0
        if rst_n:
            granted = read_int(d.grant)
            expected = self.model.grant(req, size)
            assert granted == expected, (
                f"{self.where()}: req={req} req_tokens={size} with tokens={self.model.tokens}: "
                f"got grant={granted}, expected {expected}"
            )
        self.model.clock(rst_n, req, size)
        self.trace.append("R" if not rst_n else (f"{size}" if req else "-"))
        await FallingEdge(d.clk)
        got_tokens = read_int(d.tokens)
        assert got_tokens == self.model.tokens, (
            f"{self.where()}: after the clock edge got tokens={got_tokens}, expected {self.model.tokens}"
        )
        return granted

    async def idle(self, cycles: int) -> None:
        for _ in range(cycles):
            await self.step()

    async def reset(self) -> None:
        self.dut.req.value = 1
        self.dut.req_tokens.value = 4
        await reset(self.dut, cycles=2)
        self.model = Model()
        self.trace.append("R")
        got = read_int(self.dut.tokens)
        assert got == DEPTH, f"right after reset: got tokens={got}, expected {DEPTH}"


async def start(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await bench.reset()
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def full_bucket_refill_rules(dut):
    bench = await start(dut)
    await bench.idle(3)               # edges 1..3: no refill, bucket stays 15
    await bench.idle(1)               # edge 4: refill discarded, still 15
    await bench.idle(3)
    await bench.step(1, 2)            # edge 8 (refill) + grant 2 on a full bucket -> 14
    await bench.idle(3)
    await bench.step(1, 1)            # edge 12: 14 - 1 + 1 = 14
    await bench.idle(4)               # edge 16: 15
    await bench.idle(4)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def drain_and_rate(dut):
    bench = await start(dut)
    for _ in range(6):
        await bench.step(1, 4)        # 15, 11, 7, 3 (+1 at edge 4) ... then denied
    for _ in range(8):
        await bench.step(1, 2)        # granted only when 2 tokens are present
    # Steady state: ask for one token every cycle; grants come exactly once per RATE cycles.
    grants = [await bench.step(1, 1) for _ in range(10 * RATE)]
    assert sum(grants) == 10, f"expected 10 grants in {10 * RATE} cycles of saturating demand, got {sum(grants)}"


@cocotb.test(timeout_time=10, timeout_unit="us")
async def same_cycle_refill_does_not_help(dut):
    bench = await start(dut)
    await bench.step(1, 4)            # edge 1: 11
    await bench.step(1, 4)            # edge 2: 7
    await bench.step(1, 4)            # edge 3: 3
    await bench.step(1, 4)            # edge 4: denied (3 < 4) although a token arrives -> 4
    await bench.step(1, 4)            # edge 5: now granted -> 0
    await bench.idle(2)               # edges 6, 7: 0
    await bench.step(1, 1)            # edge 8: denied (0 tokens), refill -> 1
    await bench.idle(3)
    await bench.step(1, 2)            # edge 12: 1 token, request 2 denied, refill -> 2
    await bench.idle(3)
    await bench.step(1, 3)            # edge 16: 3 tokens, grant 3 with refill -> 1
    await bench.step(1, 1)            # exactly enough -> 0
    await bench.idle(6)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def invalid_sizes(dut):
    bench = await start(dut)
    for size in (0, 5, 6, 7, 0, 7):
        await bench.step(1, size)     # never granted, consumes nothing
    for size in (1, 2, 3, 4):
        await bench.step(0, size)     # no req: no grant
    for size in (4, 3, 2, 1, 4):
        await bench.step(1, size)
    for size in (0, 5, 6, 7):
        await bench.step(1, size)


@cocotb.test(timeout_time=10, timeout_unit="us")
async def reset_restarts_timer(dut):
    bench = await start(dut)
    for _ in range(5):
        await bench.step(1, 3)        # drain, timer at phase 1
    await bench.step(1, 2, rst_n=0)   # reset: full bucket, timer back to phase 0
    await bench.step(1, 4)            # edge 1: 11
    await bench.step(1, 4)            # edge 2: 7
    await bench.step(1, 4)            # edge 3: 3
    await bench.idle(1)               # edge 4: refill -> 4
    await bench.idle(3)
    await bench.step(1, 4)            # edge 8: 4 - 4 + 1 = 1
    await bench.step(1, 2)
    await bench.step(0, 0, rst_n=0)   # reset once more in the middle of a refill period
    await bench.step(1, 4)
    await bench.step(1, 4)
    await bench.step(1, 4)
    await bench.step(1, 4)            # edge 4: 3 tokens, denied, refill -> 4
    await bench.step(1, 4)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_requests(dut):
    generator = rng()
    bench = await start(dut)
    for _phase in range(10):
        p_req = generator.choice([0.2, 0.5, 0.8, 1.0])
        max_size = generator.choice([1, 2, 4])
        for _ in range(60):
            size = generator.randint(1, max_size) if generator.random() < 0.9 else generator.choice([0, 5, 6, 7])
            await bench.step(int(generator.random() < p_req), size,
                             0 if generator.random() < 0.01 else 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("req", "req_tokens"), outputs=("grant", "tokens"))
