"""Tests for stream_upsizer: reset, one full word, packets of every length from 1 to 9 bytes, output
stalls, random packets under random valid/ready patterns and reset in mid-packet. Every cycle
s_ready, m_valid and (while valid) m_data, m_keep and m_last are compared with a Python model; the
packets are also rebuilt from the delivered words and compared with the packets sent."""

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, rng, settle


class Model:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.bytes: list[int] = []
        self.out: tuple[int, int, int] | None = None  # (m_data, m_keep, m_last)

    def s_ready(self, m_ready: int) -> int:
        return int(self.out is None or bool(m_ready))

    def step(self, rst_n: int, s_valid: int, s_data: int, s_last: int, m_ready: int) -> None:
        if not rst_n:
            self.reset()
            return
        accept = s_valid and self.s_ready(m_ready)
        completed = False
        if accept:
            self.bytes.append(s_data)
            if len(self.bytes) == 4 or s_last:
                data = sum(b << (8 * i) for i, b in enumerate(self.bytes))
                keep = (1 << len(self.bytes)) - 1
                self.out = (data, keep, int(bool(s_last)))
                self.bytes = []
                completed = True
        if not completed and self.out is not None and m_ready:
            self.out = None


class Bench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.model = Model()
        self.words: list[tuple[int, int, int]] = []

    async def start(self) -> None:
        dut = self.dut
        Clock(dut.clk, 10, unit="ns").start()
        dut.rst_n.value = 0
        dut.s_valid.value = 1
        dut.s_data.value = 0xEE
        dut.s_last.value = 0
        dut.m_ready.value = 0
        for _ in range(3):
            await FallingEdge(dut.clk)

    async def cycle(self, s_valid: int, s_data: int, s_last: int, m_ready: int, rst_n: int = 1) -> int:
        """Drive one cycle, check every output, clock it; return 1 if the input beat was accepted."""
        dut, model = self.dut, self.model
        dut.rst_n.value = rst_n
        dut.s_valid.value = s_valid
        dut.s_data.value = s_data
        dut.s_last.value = s_last
        dut.m_ready.value = m_ready
        await settle()
        context = (f"collected={[hex(b) for b in model.bytes]} inputs rst_n={rst_n} s_valid={s_valid} "
                   f"s_data={s_data:#04x} s_last={s_last} m_ready={m_ready}")
        got = (read_int(dut.s_ready), read_int(dut.m_valid))
        expected = (model.s_ready(m_ready), int(model.out is not None))
        assert got == expected, (f"{context}: got s_ready={got[0]} m_valid={got[1]}, "
                                 f"expected s_ready={expected[0]} m_valid={expected[1]}")
        if model.out is not None:
            got_word = (read_int(dut.m_data), read_int(dut.m_keep), read_int(dut.m_last))
            want = model.out
            assert got_word == want, (
                f"{context}: got m_data={got_word[0]:#010x} m_keep={got_word[1]:04b} m_last={got_word[2]}, "
                f"expected m_data={want[0]:#010x} m_keep={want[1]:04b} m_last={want[2]}")
            if m_ready and rst_n:
                self.words.append(got_word)
        accepted = int(bool(rst_n and s_valid and expected[0]))
        model.step(rst_n, s_valid, s_data, s_last, m_ready)
        await FallingEdge(dut.clk)
        return accepted


def rebuild(words: list[tuple[int, int, int]]) -> list[list[int]]:
    packets, current = [], []
    for data, keep, last in words:
        for lane in range(4):
            if keep >> lane & 1:
                current.append(data >> (8 * lane) & 0xFF)
        if last:
            packets.append(current)
            current = []
    return packets


async def send_packets(bench: Bench, generator, packets: list[list[int]], p_valid: float,
                       p_ready: float) -> None:
    """Send packets like a well-behaved source: a beat stays offered until it is accepted."""
    beats = [(b, int(i == len(p) - 1)) for p in packets for i, b in enumerate(p)]
    index = 0
    offering = False
    while index < len(beats):
        offering = offering or generator.random() < p_valid
        m_ready = int(generator.random() < p_ready)
        if not offering:
            await bench.cycle(0, generator.randrange(256), generator.randrange(2), m_ready)
            continue
        data, last = beats[index]
        if await bench.cycle(1, data, last, m_ready):
            index += 1
            offering = False


async def drain(bench: Bench) -> None:
    for _ in range(3):
        await bench.cycle(0, 0, 0, 1)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def reset_state(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle(0, 0, 0, 0)
    await bench.cycle(0, 0x12, 1, 1)
    # Two bytes into a word, then reset: the partial word is dropped.
    await bench.cycle(1, 0x11, 0, 1)
    await bench.cycle(1, 0x22, 0, 1)
    await bench.cycle(1, 0x33, 0, 1, rst_n=0)
    await bench.cycle(1, 0x44, 1, 0)   # packet of one byte: lane 0
    await bench.cycle(0, 0, 0, 0)
    # Reset while a word is stalled on the output.
    await bench.cycle(0, 0, 0, 0, rst_n=0)
    await bench.cycle(0, 0, 0, 0)
    await drain(bench)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def one_word(dut):
    bench = Bench(dut)
    await bench.start()
    for value, last in ((0x01, 0), (0x23, 0), (0x45, 0), (0x67, 1)):
        assert await bench.cycle(1, value, last, 1) == 1
    await drain(bench)
    assert bench.words == [(0x67452301, 0xF, 1)], f"words {bench.words}"


@cocotb.test(timeout_time=50, timeout_unit="us")
async def every_packet_length(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    packets = [[generator.randrange(1, 256) for _ in range(length)] for length in range(1, 10)]
    # Back to back with the output always ready, then again with stalls.
    await send_packets(bench, generator, packets, 1.0, 1.0)
    await send_packets(bench, generator, packets, 1.0, 0.4)
    await drain(bench)
    assert rebuild(bench.words) == packets + packets, f"words {bench.words}"


@cocotb.test(timeout_time=20, timeout_unit="us")
async def output_stall(dut):
    bench = Bench(dut)
    await bench.start()
    await bench.cycle(1, 0xA1, 1, 0)            # word of one byte, then the output stalls
    for _ in range(3):
        await bench.cycle(1, 0xB1, 0, 0)        # refused: s_ready is 0 while stalled
    await bench.cycle(1, 0xB1, 0, 1)            # word leaves and the byte enters together
    await bench.cycle(1, 0xB2, 1, 0)
    await bench.cycle(1, 0xC1, 0, 0)
    await bench.cycle(0, 0, 0, 1)
    await drain(bench)
    assert rebuild(bench.words) == [[0xA1], [0xB1, 0xB2]], f"words {bench.words}"


@cocotb.test(timeout_time=300, timeout_unit="us")
async def random_packets(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    sent: list[list[int]] = []
    for p_valid, p_ready in ((0.6, 0.6), (1.0, 0.3), (0.3, 1.0), (1.0, 1.0), (0.8, 0.8)):
        packets = [[generator.randrange(256) for _ in range(generator.randrange(1, 14))]
                   for _ in range(12)]
        await send_packets(bench, generator, packets, p_valid, p_ready)
        sent += packets
    await drain(bench)
    assert rebuild(bench.words) == sent, "delivered packets differ from the packets sent"


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_packet(dut):
    generator = rng()
    bench = Bench(dut)
    await bench.start()
    for _ in range(6):
        for _ in range(generator.randrange(3, 25)):
            await bench.cycle(int(generator.random() < 0.8), generator.randrange(256),
                              int(generator.random() < 0.15), int(generator.random() < 0.6))
        await bench.cycle(1, 0x5A, 0, int(generator.random() < 0.5), rst_n=0)


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("s_valid", "s_data", "s_last", "m_ready"),
        outputs=("s_ready", "m_valid", "m_data", "m_keep", "m_last"))
