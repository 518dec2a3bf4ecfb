#include "fir.h"

// Block FIR: every call starts with an empty delay line, then produces one
// output sample per input sample.
void fir(const sample_t in[NSAMP], sample_t out[NSAMP]) {
#pragma HLS INTERFACE mode=m_axi port=in offset=slave bundle=gmem
#pragma HLS INTERFACE mode=m_axi port=out offset=slave bundle=gmem
#pragma HLS INTERFACE mode=s_axilite port=return
    // Low-pass taps in Q15, symmetric, DC gain about 1.26.
    static const coef_t taps[NTAPS] = {
        -200, -480, -380, 640, 2300, 4500, 6540, 7800,
        7800, 6540, 4500, 2300, 640, -380, -480, -200};
#pragma HLS ARRAY_PARTITION variable=taps type=complete dim=1
    // Delay line: sr[NTAPS - 1] holds the newest sample, sr[0] the oldest.
    sample_t sr[NTAPS];
#pragma HLS ARRAY_PARTITION variable=sr type=complete dim=1

clear_delay_line:
    for (int t = 0; t < NTAPS; t++) {
#pragma HLS UNROLL
        sr[t] = 0;
    }

samples:
    for (int n = 0; n < NSAMP; n++) {
#pragma HLS PIPELINE II=1
    shift:
        for (int t = 0; t < NTAPS - 1; t++) {
#pragma HLS UNROLL
            sr[t] = sr[t + 1];
        }
        sr[NTAPS - 1] = in[n];

        acc_t acc = 0;
    mac:
        for (int t = 0; t < NTAPS; t++) {
#pragma HLS UNROLL
            acc += sr[NTAPS - 1 - t] * taps[t];
        }

        // Round, drop the Q15 fraction and saturate to 16 bits.
        acc_t y = (acc + ROUND) >> OUT_SHIFT;
        if (y > OUT_MAX) {
            y = OUT_MAX;
        } else if (y < OUT_MIN) {
            y = OUT_MIN;
        }
        out[n] = y;
    }
}
