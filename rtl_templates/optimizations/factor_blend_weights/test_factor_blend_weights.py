"""Tests for factor_blend_weights: every alpha with extreme and equal pixels, then random vectors."""

import cocotb
from cocotb.triggers import Timer

from workbench.tb import read_int, rng

PIXEL_CORNERS = ((0, 255), (255, 0), (255, 255), (0, 0), (17, 16), (16, 17), (128, 127), (1, 254))


async def check(dut, fg: int, bg: int, alpha: int) -> None:
    dut.fg.value, dut.bg.value, dut.alpha.value = fg, bg, alpha
    await Timer(1, "ns")
    expected = (fg * alpha + bg * (8 - alpha)) // 8
    got = read_int(dut.pixel)
    assert got == expected, f"fg={fg} bg={bg} alpha={alpha}: got pixel={got}, expected {expected}"


@cocotb.test()
async def every_alpha_with_corner_pixels(dut):
    for alpha in range(8):
        for fg, bg in PIXEL_CORNERS:
            await check(dut, fg, bg, alpha)


@cocotb.test()
async def random_vectors(dut):
    random = rng()
    for _ in range(600):
        await check(dut, random.randrange(256), random.randrange(256), random.randrange(8))
