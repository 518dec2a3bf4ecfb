"""cocotb tests for axis_width_converter (upsizer, RATIO input beats per output word).

Each cycle (inputs driven on the falling edge) a cycle-exact Python model predicts s_tready,
m_tvalid and, while valid, m_tdata/m_tkeep/m_tlast, including the zero-filled upper lanes of a
partial last word. Independently, the kept bytes of every packet on the output are compared with
the kept bytes of the packet sent, and each packet must end with exactly one m_tlast word of
ceil(beats/RATIO) words. Parameters are read from the DUT, so the same tests check every
parameterization.
"""

import cocotb
from cocotb.triggers import FallingEdge

from workbench.tb import check_outputs_hold_over_falling_edge, read_int, reset, rng, settle, start_clock


class AxisBench:
    def __init__(self, dut) -> None:
        self.dut = dut
        self.iw = int(dut.IN_WIDTH.value)
        self.ratio = int(dut.RATIO.value)
        self.kw = self.iw // 8
        self.gen = rng()
        self.clear()
        self.sent_packets: list[list[int]] = [[]]     # kept bytes per input packet
        self.recv_packets: list[list[int]] = [[]]
        self.sent_beats: list[int] = [0]              # beats per input packet
        self.recv_words: list[int] = [0]              # words per output packet

    def clear(self) -> None:
        self.lanes: list[tuple[int, int]] = []        # (data, keep) collected for the next word
        self.out: tuple[int, int, int] | None = None   # (data, keep, last) on the output

    async def start(self) -> None:
        dut = self.dut
        start_clock(dut)
        dut.s_tvalid.value = 1                        # ignored during reset
        dut.s_tdata.value = 0
        dut.s_tkeep.value = 0
        dut.s_tlast.value = 0
        dut.m_tready.value = 1
        await reset(dut, cycles=3)
        dut.s_tvalid.value = 0

    def pack(self, lanes: list[tuple[int, int]], last: int) -> tuple[int, int, int]:
        data = sum(d << (i * self.iw) for i, (d, _) in enumerate(lanes))
        keep = sum(k << (i * self.kw) for i, (_, k) in enumerate(lanes))
        return data, keep, last

    def kept_bytes(self, data: int, keep: int, nbytes: int) -> list[int]:
        return [(data >> (8 * b)) & 0xFF for b in range(nbytes) if keep >> b & 1]

    async def cycle(self, valid: int, data: int, keep: int, last: int, ready: int,
                    rst_n: int = 1) -> bool:
        dut = self.dut
        dut.s_tvalid.value = valid
        dut.s_tdata.value = data
        dut.s_tkeep.value = keep
        dut.s_tlast.value = last
        dut.m_tready.value = ready
        dut.rst_n.value = rst_n
        await settle()
        s_ready = int(self.out is None or ready)
        m_valid = int(self.out is not None)
        got = (read_int(dut.s_tready), read_int(dut.m_tvalid))
        assert got == (s_ready, m_valid), (
            f"s_tready/m_tvalid={got}, expected {(s_ready, m_valid)} (m_tready={ready})")
        if m_valid:
            out = (read_int(dut.m_tdata), read_int(dut.m_tkeep), read_int(dut.m_tlast))
            assert out == self.out, (
                f"output word data/keep/last=({out[0]:#x}, {out[1]:#x}, {out[2]}), expected "
                f"({self.out[0]:#x}, {self.out[1]:#x}, {self.out[2]})")
        accepted = bool(valid and s_ready)
        if not rst_n:
            self.clear()
            await FallingEdge(dut.clk)
            return False
        if m_valid and ready:
            odata, okeep, olast = self.out
            self.recv_packets[-1] += self.kept_bytes(odata, okeep, self.kw * self.ratio)
            self.recv_words[-1] += 1
            if olast:
                self.recv_packets.append([])
                self.recv_words.append(0)
            self.out = None
        if accepted:
            self.sent_packets[-1] += self.kept_bytes(data, keep, self.kw)
            self.sent_beats[-1] += 1
            self.lanes.append((data, keep))
            if last or len(self.lanes) == self.ratio:
                self.out = self.pack(self.lanes, last)
                self.lanes = []
            if last:
                self.sent_packets.append([])
                self.sent_beats.append(0)
        await FallingEdge(dut.clk)
        return accepted

    async def send_packet(self, beats: int, p_valid: float, p_ready: float, null_bytes: bool = False) -> None:
        full = (1 << self.kw) - 1
        sent = 0
        while sent < beats:
            last = int(sent == beats - 1)
            if null_bytes:
                keep = self.gen.getrandbits(self.kw)
            elif last:
                keep = (1 << self.gen.randint(1, self.kw)) - 1     # contiguous low bytes
            else:
                keep = full
            valid = int(self.gen.random() < p_valid)
            data = self.gen.getrandbits(self.iw)
            if await self.cycle(valid, data, keep, last, int(self.gen.random() < p_ready)):
                sent += 1

    async def idle(self, cycles: int = 3) -> None:
        for _ in range(cycles):
            await self.cycle(0, 0, 0, 0, 1)

    def check_packets(self) -> None:
        assert self.recv_packets[:-1] == self.sent_packets[:-1], "packet payloads differ"
        assert self.recv_packets[-1] == [] and self.sent_packets[-1] == []
        want_words = [-(-beats // self.ratio) for beats in self.sent_beats]
        assert self.recv_words == want_words, (
            f"words per packet {self.recv_words}, expected {want_words} (beats {self.sent_beats})")

    def forget(self) -> None:
        """Drop the bookkeeping of the packet interrupted by a reset."""
        self.sent_packets[-1], self.recv_packets[-1] = [], []
        self.sent_beats[-1], self.recv_words[-1] = 0, 0


@cocotb.test(timeout_time=200, timeout_unit="us")
async def packet_lengths(dut):
    """Packets of 1..3*RATIO+1 beats at full rate: partial last words and keep masks."""
    bench = AxisBench(dut)
    await bench.start()
    for beats in range(1, 3 * bench.ratio + 2):
        await bench.send_packet(beats, 1.0, 1.0)
        await bench.idle(2)
    bench.check_packets()
    assert len(bench.recv_words) == 3 * bench.ratio + 2


@cocotb.test(timeout_time=100, timeout_unit="us")
async def throughput(dut):
    """With m_tready held at 1 the input takes one beat every cycle, back-to-back packets too."""
    bench = AxisBench(dut)
    await bench.start()
    full = (1 << bench.kw) - 1
    for i in range(6 * bench.ratio):
        last = int(i % (2 * bench.ratio + 1) == 2 * bench.ratio)
        assert await bench.cycle(1, bench.gen.getrandbits(bench.iw), full, last, 1), "beat refused"
    await bench.cycle(1, 1, full, 1, 1)
    await bench.idle()
    bench.check_packets()


@cocotb.test(timeout_time=500, timeout_unit="us")
async def random_backpressure(dut):
    """Random packet lengths with random tvalid/tready, then arbitrary (null-byte) keep masks."""
    bench = AxisBench(dut)
    await bench.start()
    for p_valid, p_ready in [(0.7, 0.7), (1.0, 0.3), (0.4, 1.0), (0.9, 0.9)]:
        for _ in range(8):
            await bench.send_packet(bench.gen.randint(1, 4 * bench.ratio), p_valid, p_ready)
    for _ in range(8):
        await bench.send_packet(bench.gen.randint(1, 3 * bench.ratio), 0.8, 0.6, null_bytes=True)
    await bench.idle()
    bench.check_packets()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def output_stall(dut):
    """A complete word held under m_tready=0 blocks the input and stays stable."""
    bench = AxisBench(dut)
    await bench.start()
    full = (1 << bench.kw) - 1
    for i in range(bench.ratio):
        await bench.cycle(1, i + 1, full, 0, 0)
    for _ in range(4):
        assert not await bench.cycle(1, 0xAB, full, 1, 0)    # refused while the word waits
    await bench.cycle(1, 0xAB, full, 1, 1)                   # taken together with the word
    await bench.cycle(0, 0, 0, 0, 0)
    await bench.idle()
    bench.check_packets()


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_mid_packet(dut):
    """Reset with a half-assembled word and with a pending word: both are dropped."""
    bench = AxisBench(dut)
    await bench.start()
    full = (1 << bench.kw) - 1
    await bench.cycle(1, 0x11, full, 0, 1)
    await bench.cycle(1, 0x22, full, 0, 1, rst_n=0)
    bench.forget()
    await bench.send_packet(bench.ratio + 1, 1.0, 1.0)
    await bench.idle()
    for i in range(bench.ratio):
        await bench.cycle(1, i, full, 0, 0)
    await bench.cycle(0, 0, 0, 0, 0, rst_n=0)
    bench.forget()
    await bench.send_packet(2 * bench.ratio - 1, 0.8, 0.8)
    await bench.idle()
    bench.check_packets()


def assert_outputs_cleared(dut, when: str) -> None:
    outputs = {name: read_int(getattr(dut, name)) for name in ("m_tvalid", "m_tdata", "m_tkeep", "m_tlast")}
    assert not any(outputs.values()), f"{when}: {outputs}, reset must clear m_tvalid, m_tlast and the data/keep"


@cocotb.test(timeout_time=100, timeout_unit="us")
async def reset_clears_outputs(dut):
    """Reset clears m_tvalid, m_tlast and the data/keep registers behind m_tdata/m_tkeep."""
    bench = AxisBench(dut)
    await bench.start()
    await settle()
    assert_outputs_cleared(dut, "after reset")
    full = (1 << bench.kw) - 1
    for i in range(bench.ratio):                     # a full word, held pending
        await bench.cycle(1, 0xA5 + i, full, 0, 0)
    await bench.cycle(0, 0, 0, 0, 0, rst_n=0)
    await settle()
    assert_outputs_cleared(dut, "after a reset with a word pending")
    bench.forget()
    await bench.send_packet(bench.ratio, 1.0, 1.0)
    await bench.idle()
    bench.check_packets()


@cocotb.test(timeout_time=20, timeout_unit="us")
async def state_moves_on_rising_edge_only(dut):
    await check_outputs_hold_over_falling_edge(
        dut, inputs=("s_tdata", "s_tkeep", "s_tlast", "s_tvalid", "m_tready"),
        outputs=("s_tready", "m_tdata", "m_tkeep", "m_tlast", "m_tvalid"))
