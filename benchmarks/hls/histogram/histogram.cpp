#include "histogram.h"

void histogram(const uint32_t data[NWORDS], count_t bins[NBINS], pix_t *min_val,
               pix_t *max_val) {
#pragma HLS INTERFACE mode=m_axi port=data offset=slave bundle=gmem
#pragma HLS INTERFACE mode=m_axi port=bins offset=slave bundle=gmem
#pragma HLS INTERFACE mode=s_axilite port=min_val
#pragma HLS INTERFACE mode=s_axilite port=max_val
#pragma HLS INTERFACE mode=s_axilite port=return
    // One private histogram per lane, so the four lanes never touch the same memory.
    count_t hist[LANES][NBINS];
#pragma HLS ARRAY_PARTITION variable=hist type=complete dim=1
    // Per lane: the bin of the current run of equal bins and its count so far.
    bin_t prev[LANES];
#pragma HLS ARRAY_PARTITION variable=prev type=complete dim=1
    count_t run[LANES];
#pragma HLS ARRAY_PARTITION variable=run type=complete dim=1
    pix_t lo[LANES];
#pragma HLS ARRAY_PARTITION variable=lo type=complete dim=1
    pix_t hi[LANES];
#pragma HLS ARRAY_PARTITION variable=hi type=complete dim=1

clear_bins:
    for (int b = 0; b < NBINS; b++) {
#pragma HLS PIPELINE II=1
        for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
            hist[l][b] = 0;
        }
    }
init_lanes:
    for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
        prev[l] = 0;
        run[l] = 0;
        lo[l] = PIX_MAX;
        hi[l] = 0;
    }

words:
    for (int w = 0; w < NWORDS; w++) {
#pragma HLS PIPELINE II=1
        uint32_t word = data[w];
    lanes:
        for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
            pix_t p = (word >> (8 * l)) & 0xff;
            bin_t b = p >> BIN_SHIFT;
            // While the bin repeats, count in a register; the bin memory is read
            // and written only when the bin changes, which keeps II=1.
            if (b == prev[l]) {
                run[l] = run[l] + 1;
            } else {
                hist[l][prev[l]] = run[l];
                run[l] = hist[l][b] + 1;
                prev[l] = b;
            }
            if (p < lo[l]) {
                lo[l] = p;
            }
            if (p > hi[l]) {
                hi[l] = p;
            }
        }
    }

flush:
    for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
        hist[l][prev[l]] = run[l];
    }

merge:
    for (int b = 0; b < NBINS; b++) {
#pragma HLS PIPELINE II=1
        count_t total = 0;
        for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
            total += hist[l][b];
        }
        bins[b] = total;
    }

    pix_t mn = lo[0];
    pix_t mx = hi[0];
reduce:
    for (int l = 1; l < LANES; l++) {
#pragma HLS UNROLL
        if (lo[l] < mn) {
            mn = lo[l];
        }
        if (hi[l] > mx) {
            mx = hi[l];
        }
    }
    *min_val = mn;
    *max_val = mx;
}
