"""Tests for mac_unit: reset values and mid-run reset, clear/en priority, hold when disabled,
positive and negative saturation with the sticky flag, and seeded random control and operands.
Inputs change on falling edges; both outputs are compared with a cycle-accurate model after
every rising edge."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock

IN_WIDTH = 8
ACC_WIDTH = 24
IN_MIN = -(1 << (IN_WIDTH - 1))
IN_MAX = (1 << (IN_WIDTH - 1)) - 1
MAX = (1 << (ACC_WIDTH - 1)) - 1
MIN = -(1 << (ACC_WIDTH - 1))


class Model:
    def __init__(self) -> None:
        self.acc = 0
        self.overflow = 0

    def step(self, rst_n: int, clear: int, en: int, a: int, b: int) -> None:
        if not rst_n or clear:
            self.acc, self.overflow = 0, 0
        elif en:
            total = self.acc + a * b
            if total > MAX:
                self.acc, self.overflow = MAX, 1
            elif total < MIN:
                self.acc, self.overflow = MIN, 1
            else:
                self.acc = total


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.cycle_count = 0
        dut.rst_n.value = 0
        dut.en.value = 0
        dut.clear.value = 0
        dut.a.value = 0
        dut.b.value = 0
        start_clock(dut)

    async def cycle(self, rst_n: int = 1, clear: int = 0, en: int = 0, a: int = 0, b: int = 0,
                    check: bool = True) -> None:
        """Drive inputs (we are just after a falling edge), let one rising edge pass, then check."""
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.clear.value = clear
        dut.en.value = en
        dut.a.value = a
        dut.b.value = b
        await FallingEdge(dut.clk)
        self.cycle_count += 1
        self.model.step(rst_n, clear, en, a, b)
        if check:
            got = (read_int(dut.acc, signed=True), read_int(dut.overflow))
            expected = (self.model.acc, self.model.overflow)
            assert got == expected, (
                f"cycle {self.cycle_count}: after inputs rst_n={rst_n} clear={clear} en={en} "
                f"a={a} b={b}: got acc={got[0]} overflow={got[1]}, "
                f"expected acc={expected[0]} overflow={expected[1]}"
            )

    async def start(self) -> None:
        await FallingEdge(self.dut.clk)
        await self.cycle(rst_n=0, check=False)
        await self.cycle(rst_n=0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_values(dut):
    bench = Bench(dut)
    await bench.start()
    # Build up some state, including a saturated accumulator with the flag set.
    for _ in range(600):
        await bench.cycle(en=1, a=IN_MIN, b=IN_MIN)
    assert bench.model.overflow == 1
    # Reset wins over clear and en; everything returns to zero.
    await bench.cycle(rst_n=0, en=1, a=100, b=100)
    await bench.cycle(en=1, a=-7, b=9)
    await bench.cycle(en=1, a=IN_MAX, b=IN_MAX)
    await bench.cycle(rst_n=0, clear=1, en=1, a=5, b=5)
    await bench.cycle(rst_n=0, clear=0, en=0)
    await bench.cycle(en=0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def clear_and_enable(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle(en=1, a=3, b=4)          # 12
    await bench.cycle(en=1, a=-5, b=6)         # -18
    await bench.cycle(en=0, a=100, b=100)      # hold: disabled cycle must not add
    await bench.cycle(en=0, a=-100, b=100)
    await bench.cycle(en=1, a=IN_MIN, b=IN_MAX)
    await bench.cycle(clear=1, en=1, a=50, b=50)   # clear wins and loads 0, not the product
    await bench.cycle(en=1, a=-1, b=1)
    await bench.cycle(clear=1, en=0, a=9, b=9)
    await bench.cycle(en=1, a=IN_MIN, b=-1)
    await bench.cycle(en=1, a=-1, b=IN_MIN)
    await bench.cycle(en=1, a=0, b=IN_MIN)
    await bench.cycle(clear=1)
    await bench.cycle(clear=1)
    await bench.cycle(en=1, a=IN_MAX, b=IN_MIN)
    await bench.cycle(en=1, a=IN_MIN, b=IN_MIN)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def saturation(dut):
    bench = Bench(dut)
    await bench.start()
    # Climb to the positive limit with the largest product (16384 per cycle).
    while bench.model.overflow == 0:
        await bench.cycle(en=1, a=IN_MIN, b=IN_MIN)
    for _ in range(3):
        await bench.cycle(en=1, a=IN_MAX, b=IN_MAX)      # stays clamped at MAX
    await bench.cycle(en=1, a=-1, b=1)                   # leaves the limit: MAX - 1, flag sticks
    await bench.cycle(en=1, a=1, b=1)                    # exactly MAX, no new saturation needed
    await bench.cycle(en=1, a=1, b=1)                    # MAX + 1 clamps again
    await bench.cycle(en=0)
    await bench.cycle(clear=1)
    # Descend to the negative limit with the most negative product (-16256 per cycle).
    while bench.model.overflow == 0:
        await bench.cycle(en=1, a=IN_MIN, b=IN_MAX)
    for _ in range(3):
        await bench.cycle(en=1, a=IN_MAX, b=IN_MIN)
    await bench.cycle(en=1, a=1, b=1)                    # MIN + 1
    await bench.cycle(en=1, a=-1, b=1)                   # exactly MIN
    await bench.cycle(en=1, a=-1, b=1)                   # MIN - 1 clamps
    for _ in range(5):                                   # back in range: the flag stays set
        await bench.cycle(en=1, a=IN_MAX, b=IN_MAX)
    await bench.cycle(clear=1, en=1, a=IN_MIN, b=IN_MIN)
    await bench.cycle(en=1, a=2, b=-3)


def random_stimulus(generator, count: int):
    """Random control and operands in phases. Each phase starts with a clear and then mostly
    pushes toward one limit, so saturation, recovery, rare clears and resets all occur."""
    direction = 1
    for index in range(count):
        phase_start = index % 1000 == 0
        if phase_start:
            direction = -direction
        roll = generator.random()
        a = generator.randint(IN_MIN, IN_MAX)
        b = generator.randint(IN_MIN, IN_MAX)
        if generator.random() < 0.85:
            a = generator.choice([IN_MIN, IN_MAX, IN_MIN + 1, a])
            b = generator.choice([IN_MIN, IN_MAX, b // 2 + 64 * (1 if b >= 0 else -1)])
            if (a * b > 0 and direction < 0) or (a * b < 0 and direction > 0):
                b = max(IN_MIN, min(IN_MAX, -b))
        clear = int(phase_start or roll < 0.0006)
        yield (int(roll > 0.0003), clear, int(generator.random() < 0.9), a, b)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic(dut):
    bench = Bench(dut)
    await bench.start()
    saturations = 0
    for rst_n, clear, en, a, b in random_stimulus(rng(), 5000):
        before = bench.model.acc
        await bench.cycle(rst_n=rst_n, clear=clear, en=en, a=a, b=b)
        saturations += int(en and rst_n and not clear and bench.model.acc != before + a * b)
    assert saturations > 0, "random stimulus never reached saturation (testbench problem)"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("en", "clear", "a", "b"), outputs=("acc", "overflow"))
