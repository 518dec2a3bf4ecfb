"""Tests for prefix_sum: structured patterns (single elements, all-max, ramps) and seeded random
vectors, each of the eight packed sums compared with a Python inclusive scan."""

import itertools

import cocotb

from workbench.tb import pack, read_int, rng, settle, unpack

N = 8
W = 8
S = W + 3
EMAX = (1 << W) - 1


async def check(dut, values: list[int]) -> None:
    dut.data_in.value = pack(values, W)
    await settle()
    expected = list(itertools.accumulate(values))
    got = unpack(read_int(dut.sums), S, N)
    assert got == expected, f"elements={values}: got sums={got}, expected {expected}"


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def single_elements(dut):
    for position in range(N):
        for value in (1, EMAX, 0x80, 0x55):
            values = [0] * N
            values[position] = value
            await check(dut, values)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def patterns(dut):
    cases = [
        [0] * N,
        [EMAX] * N,
        list(range(1, N + 1)),
        list(range(N, 0, -1)),
        [EMAX, 0] * (N // 2),
        [0, EMAX] * (N // 2),
        [0x80] * N,
        [0x7F, 0x81] * (N // 2),
        [EMAX] * (N - 1) + [0],
        [1] + [EMAX] * (N - 1),
    ]
    for values in cases:
        await check(dut, values)


@cocotb.test(timeout_time=1, timeout_unit="ms")
async def random_vectors(dut):
    generator = rng()
    for _ in range(400):
        if generator.random() < 0.3:
            values = [generator.choice((0, 1, EMAX - 1, EMAX)) for _ in range(N)]
        else:
            values = [generator.randint(0, EMAX) for _ in range(N)]
        await check(dut, values)
