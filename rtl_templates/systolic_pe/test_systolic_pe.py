"""Tests for systolic_pe: reset values, accumulation only when both operands are valid, clear alone
and clear together with a product, registered pass-through of both operands with their valids (and
data held while invalid), extreme products and accumulator wrap-around, seeded random traffic with
independent valids, and reset in mid-run. Every output is compared with a Python model on every
cycle. Parameters are read from the design."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock, to_signed


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.a_width = int(dut.A_WIDTH.value)
        self.w_width = int(dut.W_WIDTH.value)
        self.acc_width = int(dut.ACC_WIDTH.value)
        self.a_min, self.a_max = -(1 << (self.a_width - 1)), (1 << (self.a_width - 1)) - 1
        self.w_min, self.w_max = -(1 << (self.w_width - 1)), (1 << (self.w_width - 1)) - 1
        self.state = self.reset_state()
        self.cycles = 0

    @staticmethod
    def reset_state() -> dict[str, int]:
        return {"acc": 0, "a_out": 0, "a_valid_out": 0, "w_out": 0, "w_valid_out": 0}

    async def start(self) -> None:
        dut = self.dut
        dut.rst_n.value = 0
        dut.clear.value = 0
        dut.a_in.value = self.a_min
        dut.a_valid_in.value = 1
        dut.w_in.value = self.w_min
        dut.w_valid_in.value = 1
        start_clock(dut)
        for _ in range(2):
            await FallingEdge(dut.clk)
        self.state = self.reset_state()

    def outputs(self) -> dict[str, int]:
        dut = self.dut
        return {"acc": read_int(dut.acc, signed=True), "a_out": read_int(dut.a_out, signed=True),
                "a_valid_out": read_int(dut.a_valid_out), "w_out": read_int(dut.w_out, signed=True),
                "w_valid_out": read_int(dut.w_valid_out)}

    async def cycle(self, a: int = 0, a_valid: int = 0, w: int = 0, w_valid: int = 0, clear: int = 0,
                    rst_n: int = 1) -> None:
        dut = self.dut
        dut.rst_n.value = rst_n
        dut.clear.value = clear
        dut.a_in.value = a
        dut.a_valid_in.value = a_valid
        dut.w_in.value = w
        dut.w_valid_in.value = w_valid
        await settle()
        got = self.outputs()
        assert got == self.state, (
            f"cycle {self.cycles}: got {got}, expected {self.state} "
            f"(inputs rst_n={rst_n} clear={clear} a={a}/{a_valid} w={w}/{w_valid})")
        s = self.state
        if not rst_n:
            self.state = self.reset_state()
        else:
            base = 0 if clear else s["acc"]
            s["acc"] = to_signed(base + a * w, self.acc_width) if a_valid and w_valid else base
            s["a_valid_out"], s["w_valid_out"] = a_valid, w_valid
            if a_valid:
                s["a_out"] = a
            if w_valid:
                s["w_out"] = w
        self.cycles += 1
        await FallingEdge(dut.clk)


@cocotb.test(timeout_time=50, timeout_unit="us")
async def directed(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle()
    # One valid operand alone passes through but does not accumulate.
    await bench.cycle(a=3, a_valid=1, w=2, w_valid=0)
    await bench.cycle(a=-2, a_valid=0, w=-3, w_valid=1)
    await bench.cycle(a=5, a_valid=0, w=6, w_valid=0)
    # Both valid: accumulate.
    await bench.cycle(a=3, a_valid=1, w=-2, w_valid=1)
    await bench.cycle(a=-3, a_valid=1, w=-2, w_valid=1)
    await bench.cycle()
    # Clear with and without a product.
    await bench.cycle(a=2, a_valid=1, w=2, w_valid=1, clear=1)
    await bench.cycle(a=1, a_valid=1, w=1, w_valid=1)
    await bench.cycle(clear=1)
    await bench.cycle(a=4, a_valid=1, w=4, w_valid=0, clear=1)
    await bench.cycle()
    extremes = [(bench.a_min, bench.w_min), (bench.a_min, bench.w_max), (bench.a_max, bench.w_min),
                (bench.a_max, bench.w_max), (bench.a_min, -1), (-1, bench.w_min)]
    for a, w in extremes:
        await bench.cycle(a=a, a_valid=1, w=w, w_valid=1, clear=1)
        await bench.cycle(a=a, a_valid=1, w=w, w_valid=1)
        await bench.cycle()
    steps = min(300, (1 << bench.acc_width) // (bench.a_max * bench.w_max) + 4)
    await bench.cycle(clear=1)
    for _ in range(steps):
        await bench.cycle(a=bench.a_min, a_valid=1, w=bench.w_max, w_valid=1)
    await bench.cycle()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def random_traffic_with_reset(dut):
    bench = Bench(dut)
    generator = rng()
    await bench.start()
    for index in range(1500):
        if generator.random() < 0.25:
            a = generator.choice([bench.a_min, bench.a_max, -1, 0, 1])
            w = generator.choice([bench.w_min, bench.w_max, -1, 0, 1])
        else:
            a = generator.randint(bench.a_min, bench.a_max)
            w = generator.randint(bench.w_min, bench.w_max)
        await bench.cycle(a=a, a_valid=int(generator.random() < 0.7), w=w, w_valid=int(generator.random() < 0.7),
                          clear=int(generator.random() < 0.05), rst_n=0 if index in (750, 751) else 1)
    await bench.cycle()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("clear", "a_in", "a_valid_in", "w_in", "w_valid_in"),
        outputs=("a_out", "a_valid_out", "w_out", "w_valid_out", "acc"))
