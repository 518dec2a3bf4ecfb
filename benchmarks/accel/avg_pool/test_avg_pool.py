"""Tests for avg_pool: cycle-by-cycle comparison with a Python model of the registered averager
(round-half-up), covering every rounding residue, large sums, idle cycles with garbage data,
back-to-back windows and resets in the middle of a stream."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle, start_clock


def pack(values: list[int]) -> int:
    return sum(value << (8 * i) for i, value in enumerate(values))


class Model:
    def __init__(self) -> None:
        self.out_valid = 0
        self.out_avg = 0

    def clock(self, rst_n: int, in_valid: int, in_data: int) -> None:
        if not rst_n:
            self.out_valid, self.out_avg = 0, 0
        elif in_valid:
            total = sum((in_data >> (8 * i)) & 0xFF for i in range(4))
            self.out_valid, self.out_avg = 1, (total + 2) // 4
        else:
            self.out_valid = 0


IDLE = dict(rst_n=1, in_valid=0, in_data=0)


def window(values: list[int]) -> dict:
    return dict(rst_n=1, in_valid=1, in_data=pack(values))


async def start(dut, model: Model) -> None:
    start_clock(dut)
    await FallingEdge(dut.clk)
    # Before the first reset edge the registers are still unknown: check only after it.
    await step(dut, model, dict(IDLE, rst_n=0), check_before=False)
    await step(dut, model, dict(IDLE, rst_n=0))


async def step(dut, model: Model, inputs: dict, check_before: bool = True) -> None:
    """Drive one cycle's inputs on the falling edge and check the registered outputs twice:
    just after the new inputs settle (unchanged) and at the next falling edge (updated)."""
    for name, value in inputs.items():
        getattr(dut, name).value = value
    # The outputs are registered: new inputs must not change them before the clock edge.
    await settle()
    if check_before:
        check_outputs(dut, model, inputs, "before the edge")
    await FallingEdge(dut.clk)
    model.clock(**inputs)
    check_outputs(dut, model, inputs, "after the edge")


def check_outputs(dut, model: Model, inputs: dict, when: str) -> None:
    got = (read_int(dut.out_valid), read_int(dut.out_avg))
    expected = (model.out_valid, model.out_avg)
    data = [(inputs["in_data"] >> (8 * i)) & 0xFF for i in range(4)]
    assert got == expected, (
        f"{when}, inputs rst_n={inputs['rst_n']} in_valid={inputs['in_valid']} values={data}: "
        f"got out_valid={got[0]} out_avg={got[1]}, "
        f"expected out_valid={expected[0]} out_avg={expected[1]}"
    )


@cocotb.test(timeout_time=100, timeout_unit="us")
async def rounding_residues(dut):
    model = Model()
    await start(dut, model)
    for base in (0, 1, 2, 3, 50, 100, 127, 128, 200, 251, 252):
        for extra in range(4):
            # Sum = 4*base + extra, spread over the lanes in different ways.
            await step(dut, model, window([base + extra, base, base, base]))
            await step(dut, model, window([base, base, base, base + extra]))
    for values in ([255, 255, 255, 255], [255, 255, 255, 254], [255, 255, 255, 253],
                   [255, 255, 254, 253], [0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 1, 2], [1, 1, 1, 0],
                   [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0], [0, 0, 0, 255],
                   [128, 128, 128, 128], [200, 200, 200, 3], [255, 255, 1, 0]):
        await step(dut, model, window(values))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def idle_cycles_hold(dut):
    model = Model()
    await start(dut, model)
    generator = rng()
    for _ in range(60):
        await step(dut, model, window([generator.randint(0, 255) for _ in range(4)]))
        for _ in range(generator.randint(0, 3)):
            # Garbage on in_data while in_valid is low must not reach the output.
            await step(dut, model, dict(IDLE, in_data=generator.getrandbits(32)))


@cocotb.test(timeout_time=200, timeout_unit="us")
async def random_stream(dut):
    model = Model()
    await start(dut, model)
    generator = rng()
    for _ in range(1000):
        if generator.random() < 0.3:
            await step(dut, model, dict(IDLE, in_data=generator.getrandbits(32)))
        elif generator.random() < 0.5:
            await step(dut, model, window([generator.randint(0, 255) for _ in range(4)]))
        else:
            high = generator.randint(150, 255)
            await step(dut, model, window([generator.randint(high - 40, high) for _ in range(4)]))


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_stream(dut):
    model = Model()
    await start(dut, model)
    generator = rng()
    for _ in range(6):
        for _ in range(generator.randint(2, 8)):
            await step(dut, model, window([generator.randint(100, 255) for _ in range(4)]))
        # Reset while a valid window is presented: reset wins and the window is dropped.
        await step(dut, model, dict(window([255, 255, 255, 255]), rst_n=0))
        await step(dut, model, IDLE)
        await step(dut, model, window([generator.randint(1, 255) for _ in range(4)]))
        await step(dut, model, dict(IDLE, rst_n=0))
        await step(dut, model, dict(IDLE, in_data=0xFFFFFFFF))


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("in_valid", "in_data"), outputs=("out_valid", "out_avg"))
