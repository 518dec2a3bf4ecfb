#include "merge_sort.h"

// Bottom-up merge sort over a ping-pong buffer: pass p reads sorted runs of
// 2^p keys from one half and writes merged runs of 2^(p+1) keys to the other.
void merge_sort(const data_t in[SORT_N], data_t out[SORT_N], idx_t perm[SORT_N]) {
#pragma HLS INTERFACE mode=m_axi port=in offset=slave bundle=gmem
#pragma HLS INTERFACE mode=m_axi port=out offset=slave bundle=gmem
#pragma HLS INTERFACE mode=m_axi port=perm offset=slave bundle=gmem
#pragma HLS INTERFACE mode=s_axilite port=return
    // key[h][k], tag[h][k]: slot k of buffer half h; the tag is the input position.
    data_t key[2][SORT_N];
    idx_t tag[2][SORT_N];
#pragma HLS ARRAY_PARTITION variable=key type=complete dim=3
#pragma HLS ARRAY_PARTITION variable=tag type=complete dim=1

load:
    for (int k = 0; k < SORT_N; k++) {
#pragma HLS PIPELINE II=1
        key[0][k] = in[k];
        tag[0][k] = k;
    }

passes:
    for (int p = 0; p < SORT_PASSES; p++) {
#pragma HLS LOOP_FLATTEN off
        const int src = p & 1;
        const int dst = 1 - src;
        const int width = 1 << p;
        // Current pair of runs: the left one ends before mid, the right one before hi.
        int mid = width;
        int hi = 2 * width;
        int i = 0;        // next key of the left run
        int j = width;    // next key of the right run
    merge:
        for (int k = 0; k < SORT_N; k++) {
#pragma HLS PIPELINE II=1
            bool take_left;
            if (i >= mid) {
                take_left = false;
            } else if (j >= hi) {
                take_left = true;
            } else {
                take_left = key[src][i] <= key[src][j];
            }
            if (take_left) {
                key[dst][k] = key[src][i];
                tag[dst][k] = tag[src][i];
                i++;
            } else {
                key[dst][k] = key[src][j];
                tag[dst][k] = tag[src][j];
                j++;
            }
            if (k + 1 == hi) {
                // Output slot k closed the pair: start the next one.
                i = hi;
                mid = hi + width;
                j = hi + width;
                hi = hi + 2 * width;
            }
        }
    }

store:
    for (int k = 0; k < SORT_N; k++) {
#pragma HLS PIPELINE II=1
        out[k] = key[SORT_PASSES % 2][k];
        perm[k] = tag[SORT_PASSES % 2][k];
    }
}
