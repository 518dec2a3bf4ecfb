"""Tests for unshared_act_multiplier: every function at the corners of x (and of alpha/gain), the
leaky ReLU around zero, then random operands for every function, against a Python model."""

import cocotb

from workbench.tb import read_int, rng, settle

X_CORNERS = (-128, -127, -65, -16, -2, -1, 0, 1, 2, 15, 64, 126, 127)
GAIN_CORNERS = (-128, -127, -1, 0, 1, 16, 127)
FUNCTION_NAMES = ("identity", "leaky ReLU", "square", "scale")


def model(x: int, func: int, alpha: int, gain: int) -> int:
    if func == 0:
        return 16 * x
    if func == 1:
        return 16 * x if x >= 0 else alpha * x
    if func == 2:
        return x * x
    return gain * x


async def check(dut, x: int, func: int, alpha: int, gain: int) -> None:
    dut.x.value, dut.func.value, dut.alpha.value, dut.gain.value = x, func, alpha, gain
    await settle()
    expected = model(x, func, alpha, gain)
    got = read_int(dut.y, signed=True)
    assert got == expected, (f"{FUNCTION_NAMES[func]} (func={func}) x={x} alpha={alpha} gain={gain}: "
                             f"got y={got}, expected {expected}")


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def corners_of_each_function(dut):
    for x in X_CORNERS:
        await check(dut, x, 0, 3, 5)
        await check(dut, x, 2, 0, -1)
        for alpha in (0, 1, 8, 15):
            await check(dut, x, 1, alpha, 77)
        for gain in GAIN_CORNERS:
            await check(dut, x, 3, 9, gain)


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def other_inputs_do_not_leak(dut):
    # The operands of the functions not selected must not change the result.
    generator = rng()
    for func in range(4):
        for _ in range(40):
            x = generator.randint(-128, 127)
            await check(dut, x, func, generator.randint(0, 15), generator.randint(-128, 127))


@cocotb.test(timeout_time=4, timeout_unit="ms")
async def random_operands(dut):
    generator = rng()
    for _ in range(1000):
        await check(dut, generator.randint(-128, 127), generator.randint(0, 3), generator.randint(0, 15),
                    generator.randint(-128, 127))
