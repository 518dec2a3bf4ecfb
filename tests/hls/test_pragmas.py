"""The static HLS pragma checker, rule by rule, on small kernels."""

from __future__ import annotations

from pathlib import Path

from workbench.hls.pragmas import check_pragmas

STREAMS = """#include <hls_stream.h>
void produce(const int *in, hls::stream<int> &s) { for (int i = 0; i < 8; i++) s.write(in[i]); }
void consume(hls::stream<int> &s, int *out) { for (int i = 0; i < 8; i++) out[i] = s.read(); }
void top(const int in[8], int out[8], hls::stream<int> &side, int gain) {
#pragma HLS INTERFACE mode=m_axi port=in
#pragma HLS INTERFACE mode=axis port=side
#pragma HLS INTERFACE mode=s_axilite port=gain
#pragma HLS DATAFLOW
    hls::stream<int> s;
    produce(in, s);
    consume(s, out);
}
"""
LOOPS = """void top(int a[8][4], int n) {
    for (int i = 0; i < 8; i++) {
#pragma HLS PIPELINE II=1
        for (int j = 0; j < 4; j++) {
#pragma HLS UNROLL
            a[i][j] += 1;
        }
    }
}
"""


def _check(source: str) -> list[str]:
    from workbench.hls.csim import ap_types_dir

    return check_pragmas(source, "top", ap_types_dir(), Path("."))


def test_well_formed_pragmas_pass():
    assert _check(STREAMS) == []
    assert _check(LOOPS.replace("void top(int a[8][4], int n) {", "void top(int a[8][4], int n) {\n"
                                "#pragma HLS ARRAY_PARTITION variable=a type=complete dim=2")) == []


def test_interface_modes_must_fit_the_port():
    problems = _check(STREAMS.replace("mode=axis port=side", "mode=axis port=gain"))
    assert any("axis on `gain`" in p for p in problems)
    assert any("not a parameter" in p for p in _check(STREAMS.replace("port=side", "port=sidee")))


def test_dataflow_streams_need_one_producer_and_one_consumer():
    problems = _check(STREAMS.replace("    consume(s, out);", "    consume(s, out);\n    consume(s, out);"))
    assert any("`s` is used by 3 processes" in p for p in problems)


def test_unrolled_access_needs_partitioning_and_pipelines_do_not_nest():
    assert any("`a` is indexed in dimension 2" in p for p in _check(LOOPS))
    nested = LOOPS.replace("#pragma HLS UNROLL", "#pragma HLS PIPELINE")
    assert any("pipelined inside the pipelined loop" in p for p in _check(nested))
    variable = LOOPS.replace("j < 4", "j < n")
    assert any("not a compile-time constant" in p for p in _check(variable))
