"""Tests for systolic_pe: a cycle-accurate Python model is compared with every output after every
rising edge (forwarding registers, clear/valid combinations, wrap-around, mid-run reset)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock, to_signed

DATA_W = 8
ACC_W = 24
DMIN = -(1 << (DATA_W - 1))
DMAX = (1 << (DATA_W - 1)) - 1


class Model:
    def __init__(self) -> None:
        self.act_out = 0
        self.weight_out = 0
        self.acc = 0

    def step(self, rst_n: int, act: int, weight: int, valid: int, clear: int) -> None:
        if not rst_n:
            self.act_out = self.weight_out = self.acc = 0
            return
        self.act_out = act
        self.weight_out = weight
        base = 0 if clear else self.acc
        if valid:
            base += act * weight
        self.acc = to_signed(base, ACC_W)


async def cycle(dut, model: Model, rst_n=1, act=0, weight=0, valid=0, clear=0) -> None:
    """Drive one cycle's inputs (we are at a falling edge), let the rising edge pass, then check."""
    dut.rst_n.value = rst_n
    dut.act_in.value = act
    dut.weight_in.value = weight
    dut.valid.value = valid
    dut.clear.value = clear
    await FallingEdge(dut.clk)
    model.step(rst_n, act, weight, valid, clear)
    got = (
        read_int(dut.act_out, signed=True),
        read_int(dut.weight_out, signed=True),
        read_int(dut.acc, signed=True),
    )
    expected = (model.act_out, model.weight_out, model.acc)
    assert got == expected, (
        f"after edge with rst_n={rst_n} act_in={act} weight_in={weight} valid={valid} clear={clear}: "
        f"got (act_out, weight_out, acc)={got}, expected {expected}"
    )


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_and_forwarding(dut):
    model = await start(dut)
    # forwarding happens whether or not valid is high
    for act, weight in [(5, -7), (DMIN, DMAX), (DMAX, DMIN), (-1, -1), (0, 3)]:
        await cycle(dut, model, act=act, weight=weight, valid=0)
    for act, weight in [(12, 11), (-128, -128), (100, -3)]:
        await cycle(dut, model, act=act, weight=weight, valid=1)
    # reset in the middle of activity, with valid and clear also high, clears everything
    await cycle(dut, model, rst_n=0, act=77, weight=-9, valid=1, clear=0)
    await cycle(dut, model, rst_n=0, act=-5, weight=9, valid=1, clear=1)
    for _ in range(3):
        await cycle(dut, model)
    await cycle(dut, model, act=3, weight=4, valid=1)


@cocotb.test(timeout_time=100, timeout_unit="us")
async def clear_and_valid_combinations(dut):
    model = await start(dut)
    await cycle(dut, model, act=10, weight=10, valid=1)
    await cycle(dut, model, act=-3, weight=7, valid=1)
    await cycle(dut, model, act=50, weight=50, valid=0)  # hold
    await cycle(dut, model, act=0, weight=0, valid=0)  # hold
    await cycle(dut, model, act=6, weight=-6, valid=1, clear=1)  # restart with this product
    await cycle(dut, model, act=2, weight=2, valid=1)
    await cycle(dut, model, act=9, weight=9, valid=0, clear=1)  # plain clear
    await cycle(dut, model, act=9, weight=9, valid=0)
    await cycle(dut, model, act=-128, weight=127, valid=1)
    await cycle(dut, model, act=-128, weight=-128, valid=1, clear=1)
    await cycle(dut, model, act=1, weight=1, valid=1, clear=1)
    await cycle(dut, model, act=4, weight=4, valid=0, clear=0)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def accumulator_wraps(dut):
    model = await start(dut)
    # 2^23 / 16384 = 512 products of (-128)*(-128) reach the positive limit; go past it
    for _ in range(520):
        await cycle(dut, model, act=DMIN, weight=DMIN, valid=1)
    await cycle(dut, model, valid=0, clear=1)
    for _ in range(520):
        await cycle(dut, model, act=DMIN, weight=DMAX, valid=1)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_stream(dut):
    generator = rng()
    model = await start(dut)
    for _ in range(1500):
        roll = generator.random()
        await cycle(
            dut,
            model,
            rst_n=0 if roll < 0.01 else 1,
            act=generator.randint(DMIN, DMAX),
            weight=generator.randint(DMIN, DMAX),
            valid=int(generator.random() < 0.7),
            clear=int(generator.random() < 0.08),
        )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("act_in", "weight_in", "valid", "clear"),
        outputs=("act_out", "weight_out", "acc"))
