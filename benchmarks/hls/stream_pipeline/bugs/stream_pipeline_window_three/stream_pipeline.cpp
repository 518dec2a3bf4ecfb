#include "stream_pipeline.h"

// Stage 1: move SP_N samples from the input port into the pipeline.
static void read_in(hls::stream<sample_t> &in, hls::stream<sample_t> &raw) {
read_loop:
    for (int i = 0; i < SP_N; i++) {
#pragma HLS PIPELINE II=1
        sample_t x = in.read();
        raw.write(x);
    }
}

// Stage 2: multiply by the Q8.8 gain, round half up and drop the fraction.
static void scale(hls::stream<sample_t> &raw, hls::stream<scaled_t> &scaled, gain_t gain) {
scale_loop:
    for (int i = 0; i < SP_N; i++) {
#pragma HLS PIPELINE II=1
        sample_t x = raw.read();
        prod_t p = x * gain;
        scaled_t y = (p + GAIN_ROUND) >> GAIN_FRAC;
        scaled.write(y);
    }
}

// Stage 3: sum of the last WIN scaled samples, one output per input.
static void accumulate(hls::stream<scaled_t> &scaled, hls::stream<out_t> &out) {
    scaled_t win[WIN];
#pragma HLS ARRAY_PARTITION variable=win type=complete dim=1
clear_win:
    for (int k = 0; k < WIN; k++) {
#pragma HLS UNROLL
        win[k] = 0;
    }
    out_t sum = 0;
acc_loop:
    for (int i = 0; i < SP_N; i++) {
#pragma HLS PIPELINE II=1
        scaled_t y = scaled.read();
        // win[WIN - 1] is the oldest sample, which leaves the window now.
        sum = sum + y - win[WIN - 2];
    shift_win:
        for (int k = 0; k < WIN - 1; k++) {
#pragma HLS UNROLL
            win[WIN - 1 - k] = win[WIN - 2 - k];
        }
        win[0] = y;
        out.write(sum);
    }
}

void stream_pipeline(hls::stream<sample_t> &in, hls::stream<out_t> &out, gain_t gain) {
#pragma HLS INTERFACE mode=axis port=in
#pragma HLS INTERFACE mode=axis port=out
#pragma HLS INTERFACE mode=s_axilite port=gain
#pragma HLS INTERFACE mode=s_axilite port=return
#pragma HLS DATAFLOW
    hls::stream<sample_t> raw("raw");
#pragma HLS STREAM variable=raw depth=4
    hls::stream<scaled_t> scaled("scaled");
#pragma HLS STREAM variable=scaled depth=4

    read_in(in, raw);
    scale(raw, scaled, gain);
    accumulate(scaled, out);
}
