"""Tests for strength_pow2_weight: every weight code on every lane with corner activations, the
lanes kept apart, then random vectors, against a Python model."""

import cocotb

from workbench.tb import pack, read_int, rng, settle, unpack

LANES = 4
ACTIVATION_CORNERS = (-128, -127, -65, -1, 0, 1, 2, 85, 127)


def weight(code: int) -> int:
    magnitude = 1 << (code & 7)
    return -magnitude if code & 8 else magnitude


async def check(dut, activations: list[int], codes: list[int]) -> None:
    dut.activations.value = pack(activations, 8)
    dut.weight_codes.value = pack(codes, 4)
    await settle()
    expected = [a * weight(c) for a, c in zip(activations, codes, strict=True)]
    got = unpack(read_int(dut.products), 16, LANES, signed=True)
    assert got == expected, (f"activations={activations} weight codes={codes} "
                             f"(weights {[weight(c) for c in codes]}): got products={got}, expected {expected}")


@cocotb.test(timeout_time=2, timeout_unit="ms")
async def every_code_on_each_lane(dut):
    # The other lanes get other codes and activations, so a lane reading its neighbour shows.
    for lane in range(LANES):
        for code in range(16):
            for activation in ACTIVATION_CORNERS:
                activations, codes = [37, -90, 3, -4], [15 - code] * LANES
                activations[lane], codes[lane] = activation, code
                await check(dut, activations, codes)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def extreme_products(dut):
    await check(dut, [-128] * LANES, [0xF, 0x7, 0x8, 0x0])   # 16384, -16384, 128, -128
    await check(dut, [127] * LANES, [0x7, 0xF, 0x0, 0x8])
    await check(dut, [-1, 1, -1, 1], [0xF, 0xF, 0x7, 0x7])


@cocotb.test(timeout_time=4, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(1500):
        activations = [generator.randint(-128, 127) for _ in range(LANES)]
        await check(dut, activations, [generator.randint(0, 15) for _ in range(LANES)])
