"""Tests for sliding_window3: reset, the first window after three samples, extreme values (exact
signed sum), flush alone and together with a sample, flush while a window waits on the output,
output stalls, seeded random streams with random flush and back-pressure, and reset in mid-stream.
Every cycle s_ready, m_valid and (while valid) m_window and m_sum are compared with a Python
model; the delivered windows are also checked against the accepted samples."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, to_unsigned

W = 8
SMIN = -(1 << (W - 1))
SMAX = (1 << (W - 1)) - 1


def pack(h1: int, h0: int, x: int) -> int:
    return (to_unsigned(h1, W) << 2 * W) | (to_unsigned(h0, W) << W) | to_unsigned(x, W)


class Model:
    def __init__(self) -> None:
        self.history: list[int] = []      # up to the last two samples since reset/flush, oldest first
        self.out: tuple[int, int] | None = None  # (m_window, m_sum)

    def s_ready(self, m_ready: int) -> int:
        return int(self.out is None or bool(m_ready))

    def step(self, rst_n: int, flush: int, s_valid: int, s_data: int, m_ready: int) -> None:
        if not rst_n:
            self.history, self.out = [], None
            return
        accept = s_valid and self.s_ready(m_ready)
        if flush:
            self.history = []
        produced = False
        if accept:
            if len(self.history) == 2:
                h1, h0 = self.history
                self.out = (pack(h1, h0, s_data), h1 + h0 + s_data)
                produced = True
            self.history = (self.history + [s_data])[-2:]
        if not produced and self.out is not None and m_ready:
            self.out = None


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.delivered: list[tuple[int, int]] = []

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.flush.value = 0
        dut.s_valid.value = 1
        dut.s_data.value = 0x55
        dut.m_ready.value = 0
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, s_valid: int, s_data: int, m_ready: int, flush: int = 0, rst_n: int = 1) -> int:
        """Drive one cycle, check every output, clock it; return 1 if the sample was accepted."""
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.flush.value = flush
        dut.s_valid.value = s_valid
        dut.s_data.value = to_unsigned(s_data, W)
        dut.m_ready.value = m_ready
        await settle()
        context = (f"history={model.history} inputs rst_n={rst_n} flush={flush} s_valid={s_valid} "
                   f"s_data={s_data} m_ready={m_ready}")
        got = (read_int(dut.s_ready), read_int(dut.m_valid))
        want = (model.s_ready(m_ready), int(model.out is not None))
        assert got == want, (f"{context}: got s_ready={got[0]} m_valid={got[1]}, "
                             f"expected s_ready={want[0]} m_valid={want[1]}")
        if model.out is not None:
            got_out = (read_int(dut.m_window), read_int(dut.m_sum, signed=True))
            assert got_out == model.out, (
                f"{context}: got m_window={got_out[0]:#08x} m_sum={got_out[1]}, "
                f"expected m_window={model.out[0]:#08x} m_sum={model.out[1]}")
            if m_ready and rst_n:
                self.delivered.append(got_out)
        accepted = int(bool(rst_n and s_valid and want[0]))
        model.step(rst_n, flush, s_valid, s_data, m_ready)
        await FallingEdge(dut.clk)
        return accepted


def expected_windows(samples: list[int]) -> list[tuple[int, int]]:
    return [(pack(a, b, c), a + b + c) for a, b, c in zip(samples, samples[1:], samples[2:])]


async def send(bench: Bench, generator, samples: list[int], p_valid: float, p_ready: float) -> None:
    """Send samples like a well-behaved source (a sample stays offered until accepted)."""
    index = 0
    offering = False
    while index < len(samples):
        offering = offering or generator.random() < p_valid
        m_ready = int(generator.random() < p_ready)
        if not offering:
            await bench.cycle(0, generator.randint(SMIN, SMAX), m_ready)
        elif await bench.cycle(1, samples[index], m_ready):
            index += 1
            offering = False


async def drain(bench: Bench) -> None:
    for _ in range(3):
        await bench.cycle(0, 0, 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle(0, 0, 0)
    for value in (1, 2, 3):
        await bench.cycle(1, value, 0)
    await bench.cycle(1, 4, 0)                 # stalled window, sample refused
    await bench.cycle(1, 4, 1, rst_n=0)        # reset: output and history cleared
    await bench.cycle(1, 5, 0)
    await bench.cycle(1, 6, 0)
    await bench.cycle(0, 0, 0)
    await bench.cycle(1, 7, 1)
    await drain(bench)
    assert bench.delivered == expected_windows([5, 6, 7]), f"delivered {bench.delivered}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def extremes(dut):
    bench = Bench(dut)
    await bench.start()
    samples = [SMIN, SMIN, SMIN, SMAX, SMAX, SMAX, -1, 0, 1, SMIN, SMAX, SMIN, -100, -100, -100]
    for value in samples:
        assert await bench.cycle(1, value, 1) == 1
    await drain(bench)
    assert bench.delivered == expected_windows(samples), f"delivered {bench.delivered}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def flush_rules(dut):
    bench = Bench(dut)
    await bench.start()
    for value in (10, 20, 30, 40):
        await bench.cycle(1, value, 1)
    await bench.cycle(0, 0, 1, flush=1)        # flush alone
    await bench.cycle(1, 50, 1)
    await bench.cycle(1, 60, 1)
    await bench.cycle(1, 70, 1, flush=1)       # flush with a sample: 70 starts the new history
    await bench.cycle(1, 80, 1)
    await bench.cycle(1, 90, 1)                # window (70, 80, 90) now waits on the output
    assert await bench.cycle(1, -5, 0) == 0    # refused: the output stalls
    await bench.cycle(0, 0, 0, flush=1)        # a flush keeps the waiting window ...
    await bench.cycle(1, -6, 0, flush=1)       # ... and clears the history (sample refused)
    await bench.cycle(1, -6, 1)
    await bench.cycle(1, -7, 1)
    await bench.cycle(1, -8, 1)
    await drain(bench)
    want = expected_windows([10, 20, 30, 40]) + expected_windows([70, 80, 90]) + \
        expected_windows([-6, -7, -8])
    assert bench.delivered == want, f"delivered {bench.delivered}, expected {want}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def output_stall(dut):
    bench = Bench(dut)
    await bench.start()
    for value in (1, -2, 3):
        await bench.cycle(1, value, 0)
    for _ in range(4):
        assert await bench.cycle(1, 9, 0) == 0, "a sample must be refused while the output stalls"
    assert await bench.cycle(1, 9, 1) == 1     # the window leaves and the sample enters together
    await bench.cycle(1, 11, 1)
    await drain(bench)
    assert bench.delivered == expected_windows([1, -2, 3, 9, 11]), f"delivered {bench.delivered}"


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_stream(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    # Random samples in segments; each segment after the first starts with a flush (alone or with
    # the first sample), so the windows delivered are the windows of each segment.
    want: list[tuple[int, int]] = []
    for p_valid, p_ready in ((0.7, 0.7), (1.0, 0.4), (0.4, 1.0), (1.0, 1.0), (0.8, 0.5),
                             (0.6, 0.9), (1.0, 0.2), (0.9, 0.9)):
        segment = [generator.choice([SMIN, SMAX, generator.randint(SMIN, SMAX)])
                   for _ in range(generator.randrange(1, 60))]
        await drain(bench)
        await bench.cycle(0, 0, 1, flush=1)
        await send(bench, generator, segment, p_valid, p_ready)
        want += expected_windows(segment)
    await drain(bench)
    assert bench.delivered == want, "delivered windows differ from the windows of the samples sent"
    # Fully random inputs, flush included at any time (checked cycle by cycle against the model).
    for _ in range(600):
        await bench.cycle(int(generator.random() < 0.7), generator.randint(SMIN, SMAX),
                          int(generator.random() < 0.6), flush=int(generator.random() < 0.08))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(6):
        for _ in range(generator.randrange(2, 25)):
            await bench.cycle(int(generator.random() < 0.8), generator.randint(SMIN, SMAX),
                              int(generator.random() < 0.5))
        await bench.cycle(1, generator.randint(SMIN, SMAX), int(generator.random() < 0.5), rst_n=0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("flush", "s_valid", "s_data", "m_ready"),
        outputs=("s_ready", "m_valid", "m_window", "m_sum"))
