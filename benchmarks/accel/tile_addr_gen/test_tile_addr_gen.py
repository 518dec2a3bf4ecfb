"""Tests for tile_addr_gen (M = 8, N = 12, TILE = 4: M != N catches swapped dimensions): idle
behaviour, a full pass without stalls, the whole sequence replayed under seeded random
back-pressure, start ignored while busy, back-to-back passes with start held, reset in mid-pass;
valid, addr, tile_first, tile_last and done are compared with a Python model every cycle."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock

M, N, TILE = 8, 12, 4


def sequence() -> list[tuple[int, int, int]]:
    """(addr, tile_first, tile_last) of every element, in order."""
    out = []
    for tr in range(M // TILE):
        for tc in range(N // TILE):
            for r in range(TILE):
                for c in range(TILE):
                    addr = (tr * TILE + r) * N + tc * TILE + c
                    out.append((addr, int(r == 0 and c == 0), int(r == TILE - 1 and c == TILE - 1)))
    return out


SEQ = sequence()
assert sorted(a for a, _, _ in SEQ) == list(range(M * N))


class Model:
    def __init__(self) -> None:
        self.active = 0
        self.index = 0
        self.done = 0

    def outputs(self) -> tuple[int, int, int, int, int]:
        if not self.active:
            return 0, 0, 0, 0, self.done
        addr, first, last = SEQ[self.index]
        return 1, addr, first, last, self.done

    def clock(self, rst_n: int, start: int, ready: int) -> int:
        """One rising edge; returns 1 when a handshake happened."""
        if not rst_n:
            self.active, self.index, self.done = 0, 0, 0
            return 0
        self.done = 0
        if not self.active:
            if start:
                self.active, self.index = 1, 0
            return 0
        if ready:
            if self.index == len(SEQ) - 1:
                self.active, self.index, self.done = 0, 0, 1
            else:
                self.index += 1
            return 1
        return 0


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.cycle = 0
        self.accepted: list[int] = []   # addresses taken by the consumer, in order

    def check(self, where: str) -> None:
        d = self.dut
        got = (read_int(d.valid), read_int(d.addr), read_int(d.tile_first),
               read_int(d.tile_last), read_int(d.done))
        expected = self.model.outputs()
        state = f"element {self.model.index} of the pass" if self.model.active else "idle"
        assert got == expected, (
            f"cycle {self.cycle} ({where}; expected state: {state}): got "
            f"valid/addr/tile_first/tile_last/done={got}, expected {expected}"
        )

    async def step(self, start: int = 0, ready: int = 1, rst_n: int = 1) -> None:
        d = self.dut
        d.start.value = start
        d.ready.value = ready
        d.rst_n.value = rst_n
        await settle()
        # Outputs must not react combinationally to this cycle's start/ready.
        self.check(f"with start={start} ready={ready} rst_n={rst_n} just applied")
        addr_before = self.model.outputs()[1]
        if self.model.clock(rst_n, start, ready):
            self.accepted.append(addr_before)
        await FallingEdge(d.clk)
        self.cycle += 1

    async def reset(self) -> None:
        self.dut.start.value = 1
        self.dut.ready.value = 1
        await reset(self.dut, cycles=2)
        self.model = Model()
        self.dut.start.value = 0
        self.check("right after reset")


async def start(dut) -> Bench:
    start_clock(dut)
    bench = Bench(dut)
    await bench.reset()
    return bench


@cocotb.test(timeout_time=10, timeout_unit="us")
async def idle_until_start(dut):
    bench = await start(dut)
    for ready in (1, 0, 1, 1, 0):
        await bench.step(start=0, ready=ready)     # nothing happens without start
    await bench.step(start=1, ready=0)             # start sampled; first element next cycle
    for _ in range(3):
        await bench.step(ready=0)                  # stalled on address 0
    await bench.step(ready=1)
    await bench.step(ready=1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def full_pass_no_stall(dut):
    bench = await start(dut)
    await bench.step(start=1)
    while not bench.model.done:
        await bench.step(ready=1)
    await bench.step(ready=1)                      # done cycle
    for _ in range(3):
        await bench.step(ready=1)                  # stays idle
    assert bench.accepted == [a for a, _, _ in SEQ], f"accepted addresses {bench.accepted}"


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_stalls_replay(dut):
    generator = rng()
    bench = await start(dut)
    for run in range(4):
        bench.accepted = []
        p_ready = [0.8, 0.5, 0.25, 0.6][run]
        await bench.step(start=1, ready=int(generator.random() < p_ready))
        cycles = 0
        while bench.model.active:
            # start pulses while busy must be ignored
            await bench.step(start=int(generator.random() < 0.1), ready=int(generator.random() < p_ready))
            cycles += 1
            assert cycles < 2000, "pass did not finish"
        await bench.step(start=0, ready=1)         # done cycle
        assert bench.accepted == [a for a, _, _ in SEQ], (
            f"run {run}: accepted address sequence differs: {bench.accepted}"
        )
        for _ in range(generator.randint(0, 3)):
            await bench.step(start=0, ready=int(generator.random() < 0.5))


@cocotb.test(timeout_time=50, timeout_unit="us")
async def start_held_back_to_back(dut):
    bench = await start(dut)
    passes = 0
    for _ in range(3 * (len(SEQ) + 1) + 4):
        await bench.step(start=1, ready=1)
        passes += bench.model.done
    assert passes == 3, f"expected 3 completed passes, saw {passes}"


@cocotb.test(timeout_time=50, timeout_unit="us")
async def reset_mid_pass(dut):
    generator = rng()
    bench = await start(dut)
    await bench.step(start=1)
    for _ in range(21):
        await bench.step(ready=int(generator.random() < 0.7))
    await bench.step(start=1, ready=1, rst_n=0)    # abandon the pass
    await bench.step(start=0, ready=1)
    await bench.step(start=0, ready=1)
    await bench.step(start=1, ready=1)             # restart from address 0
    for _ in range(len(SEQ) - 1):
        await bench.step(ready=1)
    await bench.step(ready=1, rst_n=0)             # reset exactly at the final handshake: no done
    await bench.step(ready=1)
    await bench.step(ready=1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("start", "ready"),
        outputs=("valid", "addr", "tile_first", "tile_last", "done"))
