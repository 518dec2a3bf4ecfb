"""Tests for vector_alu: a cycle-accurate Python model is compared with out_valid and result after
every rising edge (corner lanes for every opcode, valid gaps with hold, mid-run reset, random)."""

import itertools

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, start_clock, to_signed

LANES = 4
LANE_W = 8
LANE_MASK = (1 << LANE_W) - 1
SMAX = (1 << (LANE_W - 1)) - 1
SMIN = -(1 << (LANE_W - 1))
OP_NAMES = ["add", "sub", "max", "min", "and", "or", "xor", "sadd"]
CORNERS = [0x00, 0x01, 0x7F, 0x80, 0x81, 0xFF, 0x40, 0xC0, 0x7E, 0x3C]


def lane(x: int, i: int) -> int:
    return (x >> (i * LANE_W)) & LANE_MASK


def pack(lanes: list[int]) -> int:
    return sum((v & LANE_MASK) << (i * LANE_W) for i, v in enumerate(lanes))


def lane_op(op: int, x: int, y: int) -> int:
    sx, sy = to_signed(x, LANE_W), to_signed(y, LANE_W)
    if op == 0:
        return x + y
    if op == 1:
        return x - y
    if op == 2:
        return max(sx, sy)
    if op == 3:
        return min(sx, sy)
    if op == 4:
        return x & y
    if op == 5:
        return x | y
    if op == 6:
        return x ^ y
    return min(SMAX, max(SMIN, sx + sy))


def alu(op: int, a: int, b: int) -> int:
    return pack([lane_op(op, lane(a, i), lane(b, i)) for i in range(LANES)])


class Model:
    def __init__(self) -> None:
        self.out_valid = 0
        self.result = 0

    def step(self, rst_n: int, in_valid: int, op: int, a: int, b: int) -> None:
        if not rst_n:
            self.out_valid, self.result = 0, 0
        elif in_valid:
            self.out_valid, self.result = 1, alu(op, a, b)
        else:
            self.out_valid = 0


async def cycle(dut, model: Model, rst_n=1, in_valid=0, op=0, a=0, b=0) -> None:
    """At a falling edge: drive the inputs, let one rising edge pass, check at the next falling edge."""
    dut.rst_n.value = rst_n
    dut.in_valid.value = in_valid
    dut.op.value = op
    dut.a.value = a
    dut.b.value = b
    await FallingEdge(dut.clk)
    model.step(rst_n, in_valid, op, a, b)
    got = (read_int(dut.out_valid), read_int(dut.result))
    expected = (model.out_valid, model.result)
    assert got == expected, (
        f"after edge with rst_n={rst_n} in_valid={in_valid} op={op} ({OP_NAMES[op]}) "
        f"a=0x{a:08x} b=0x{b:08x}: got out_valid={got[0]} result=0x{got[1]:08x}, "
        f"expected out_valid={expected[0]} result=0x{expected[1]:08x}"
    )


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, rst_n=0)
    return model


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_and_hold(dut):
    model = await start(dut)
    await cycle(dut, model, in_valid=1, op=0, a=0x01020304, b=0x10203040)
    # result must hold while in_valid is low, even though a/b/op change
    await cycle(dut, model, in_valid=0, op=6, a=0xFFFFFFFF, b=0x12345678)
    await cycle(dut, model, in_valid=0, op=1, a=0xDEADBEEF, b=0x0BADF00D)
    await cycle(dut, model, in_valid=1, op=7, a=0x7F80FF01, b=0x01FF8001)
    await cycle(dut, model, in_valid=1, op=2, a=0x80FF7F00, b=0x7F0080FF)
    # mid-run reset clears result and out_valid even with in_valid high
    await cycle(dut, model, rst_n=0, in_valid=1, op=5, a=0xFFFFFFFF, b=0xFFFFFFFF)
    await cycle(dut, model, in_valid=0, op=5, a=0xFFFFFFFF, b=0xFFFFFFFF)
    await cycle(dut, model, in_valid=0)
    await cycle(dut, model, in_valid=1, op=4, a=0xF0F0F0F0, b=0xFF00FF00)


@cocotb.test(timeout_time=200, timeout_unit="us")
async def corner_lanes_every_op(dut):
    model = await start(dut)
    pairs = list(itertools.product(CORNERS, CORNERS))
    for op in range(8):
        for index in range(0, len(pairs), LANES):
            group = pairs[index : index + LANES]
            a = pack([x for x, _ in group])
            b = pack([y for _, y in group])
            await cycle(dut, model, in_valid=1, op=op, a=a, b=b)
        # the same lanes in a rotated arrangement, so each lane sees each pair
        for index in range(0, len(pairs), LANES):
            group = pairs[index : index + LANES]
            group = group[1:] + group[:1]
            await cycle(dut, model, in_valid=1, op=op, a=pack([x for x, _ in group]), b=pack([y for _, y in group]))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_with_gaps(dut):
    generator = rng()
    model = await start(dut)
    for _ in range(1500):
        await cycle(
            dut,
            model,
            rst_n=0 if generator.random() < 0.01 else 1,
            in_valid=int(generator.random() < 0.75),
            op=generator.randrange(8),
            a=generator.getrandbits(LANES * LANE_W),
            b=generator.getrandbits(LANES * LANE_W),
        )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("in_valid", "op", "a", "b"),
        outputs=("out_valid", "result"))
