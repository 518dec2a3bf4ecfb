#include "prefix_sum.h"

// out[i] = base + in[0] + ... + in[i]. The input is brought on chip one tile at
// a time through a ping-pong buffer: while one half is scanned, the next tile
// is loaded into the other half.
void prefix_sum(const data_t in[PS_N], sum_t out[PS_N], base_t base) {
#pragma HLS INTERFACE mode=m_axi port=in offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=m_axi port=out offset=slave bundle=gmem1
#pragma HLS INTERFACE mode=s_axilite port=base
#pragma HLS INTERFACE mode=s_axilite port=return
    data_t buf[2][TILE];
#pragma HLS ARRAY_PARTITION variable=buf type=complete dim=1
#pragma HLS ARRAY_PARTITION variable=buf type=cyclic factor=4 dim=2

load_first:
    for (int k = 0; k < TILE; k++) {
#pragma HLS PIPELINE II=1
        buf[0][k] = in[k];
    }

    sum_t run = base;
tiles:
    for (int t = 0; t < NTILES; t++) {
        int cur = t & 1;
        int nxt = cur ^ 1;
        if (t + 1 < NTILES) {
        load_next:
            for (int k = 0; k < TILE; k++) {
#pragma HLS PIPELINE II=1
                buf[nxt][k] = in[(t + 1) * TILE + k];
            }
        }

        // Four elements per step; each output is the previous one plus one input.
    scan:
        for (int j = 0; j < TILE; j += STEP) {
#pragma HLS PIPELINE II=1
            int o = t * TILE + j;
            sum_t acc = run;
            acc += buf[cur][j];
            out[o] = acc;
            acc += buf[cur][j + 1];
            out[o + 1] = acc;
            acc += buf[cur][j + 2];
            out[o + 2] = acc;
            acc += buf[cur][j + 3];
            out[o + 3] = acc;
            run = acc;
        }
    }
}
