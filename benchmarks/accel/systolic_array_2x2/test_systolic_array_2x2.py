"""Tests for systolic_array_2x2: a cycle-accurate model of the PE grid checks every accumulator
after every rising edge; matrix products fed with the documented skew are also compared with
C = A x B computed directly (several inner dimensions, back-to-back runs, accumulator wrap-around,
clear with data moving, mid-run reset, unstructured random input)."""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, pack, read_int, rng, start_clock, to_signed

N = 2
DATA_W = 8
ACC_W = 20
DMIN = -(1 << (DATA_W - 1))
DMAX = (1 << (DATA_W - 1)) - 1


class Model:
    def __init__(self) -> None:
        self.zero()

    def zero(self) -> None:
        self.ha = [[0] * N for _ in range(N)]
        self.hb = [[0] * N for _ in range(N)]
        self.acc = [[0] * N for _ in range(N)]

    def step(self, rst_n: int, clear: int, a_in: list[int], b_in: list[int]) -> None:
        if not rst_n:
            self.zero()
            return
        west = [[a_in[i] if j == 0 else self.ha[i][j - 1] for j in range(N)] for i in range(N)]
        north = [[b_in[j] if i == 0 else self.hb[i - 1][j] for j in range(N)] for i in range(N)]
        for i in range(N):
            for j in range(N):
                if clear:
                    self.acc[i][j] = 0
                else:
                    self.acc[i][j] = to_signed(self.acc[i][j] + west[i][j] * north[i][j], ACC_W)
        self.ha, self.hb = west, north

    def flat(self) -> list[int]:
        return [self.acc[i][j] for i in range(N) for j in range(N)]


def read_accumulators(dut) -> list[int]:
    word = read_int(dut.c_out)
    return [to_signed(word >> (k * ACC_W), ACC_W) for k in range(N * N)]


async def cycle(dut, model: Model, a_in=None, b_in=None, clear=0, rst_n=1) -> list[int]:
    a_in = a_in or [0] * N
    b_in = b_in or [0] * N
    dut.rst_n.value = rst_n
    dut.clear.value = clear
    dut.a_in.value = pack(a_in, DATA_W)
    dut.b_in.value = pack(b_in, DATA_W)
    await FallingEdge(dut.clk)
    model.step(rst_n, clear, a_in, b_in)
    got = read_accumulators(dut)
    expected = model.flat()
    assert got == expected, (
        f"after edge with rst_n={rst_n} clear={clear} a_in(rows)={a_in} b_in(cols)={b_in}: "
        f"got accumulators [PE00, PE01, PE10, PE11]={got}, expected {expected}"
    )
    return got


async def start(dut) -> Model:
    start_clock(dut)
    model = Model()
    await FallingEdge(dut.clk)
    for _ in range(2):
        await cycle(dut, model, rst_n=0)
    return model


def matmul(A: list[list[int]], B: list[list[int]]) -> list[int]:
    K = len(B)
    return [to_signed(sum(A[i][k] * B[k][j] for k in range(K)), ACC_W) for i in range(N) for j in range(N)]


async def run_matmul(dut, model: Model, A: list[list[int]], B: list[list[int]]) -> None:
    """Feed A (N x K) and B (K x N) with the documented protocol and check the product."""
    K = len(B)
    await cycle(dut, model, clear=1)
    got = None
    for s in range(K + 2 * N - 2):
        a_in = [A[i][s - i] if 0 <= s - i < K else 0 for i in range(N)]
        b_in = [B[s - j][j] if 0 <= s - j < K else 0 for j in range(N)]
        got = await cycle(dut, model, a_in, b_in)
    expected = matmul(A, B)
    assert got == expected, f"A={A} B={B}: got C={got} after the feed, expected A x B = {expected}"
    # with zero inputs and no clear the result stays
    for _ in range(2):
        got = await cycle(dut, model)
        assert got == expected, f"A={A} B={B}: C changed to {got} while idle, expected {expected}"


def random_matrix(generator, rows: int, cols: int) -> list[list[int]]:
    return [[generator.randint(DMIN, DMAX) for _ in range(cols)] for _ in range(rows)]


@cocotb.test(timeout_time=200, timeout_unit="us")
async def directed_products(dut):
    model = await start(dut)
    identity = [[1, 0], [0, 1]]
    await run_matmul(dut, model, identity, [[5, -6], [7, 8]])
    await run_matmul(dut, model, [[1, 2], [3, 4]], [[10, 20], [30, 40]])
    await run_matmul(dut, model, [[3], [-4]], [[5, 7]])  # K = 1: outer product
    await run_matmul(dut, model, [[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])
    await run_matmul(dut, model, [[DMIN, DMAX], [DMAX, DMIN]], [[DMIN, DMIN], [DMAX, DMAX]])


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_products(dut):
    generator = rng()
    model = await start(dut)
    for K in (1, 2, 2, 3, 4, 5, 8, 16, 2, 1):
        await run_matmul(dut, model, random_matrix(generator, N, K), random_matrix(generator, K, N))


@cocotb.test(timeout_time=300, timeout_unit="us")
async def accumulator_wraps(dut):
    model = await start(dut)
    K = 40  # 40 * 16384 exceeds 2^19, so the sums wrap
    await run_matmul(dut, model, [[DMIN] * K, [DMAX] * K], [[DMIN, DMAX] for _ in range(K)])


@cocotb.test(timeout_time=200, timeout_unit="us")
async def clear_and_reset_mid_run(dut):
    generator = rng()
    model = await start(dut)
    # clear while non-zero data is moving: products at the clear edge are dropped, data still moves
    for step in range(12):
        await cycle(
            dut,
            model,
            [generator.randint(DMIN, DMAX) for _ in range(N)],
            [generator.randint(DMIN, DMAX) for _ in range(N)],
            clear=int(step in (3, 7, 8)),
        )
    # reset while data is in flight must also empty the forwarding registers
    await cycle(dut, model, [DMAX, DMIN], [DMIN, DMAX], rst_n=0)
    for _ in range(3):
        await cycle(dut, model, [0, 0], [7, -9])
    for _ in range(3):
        await cycle(dut, model, [5, -3], [0, 0])
    await cycle(dut, model, [DMIN, DMIN], [DMIN, DMIN], clear=1, rst_n=0)
    await run_matmul(dut, model, random_matrix(generator, N, 3), random_matrix(generator, 3, N))


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_inputs(dut):
    generator = rng()
    model = await start(dut)
    for _ in range(1200):
        await cycle(
            dut,
            model,
            [generator.randint(DMIN, DMAX) for _ in range(N)],
            [generator.randint(DMIN, DMAX) for _ in range(N)],
            clear=int(generator.random() < 0.05),
            rst_n=0 if generator.random() < 0.01 else 1,
        )


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(dut, inputs=("clear", "a_in", "b_in"), outputs=("c_out",))
