#include "popcount_serial.h"

// Counts the set bits of each word one bit per cycle: the word is shifted right
// and its lowest bit added to the count, PC_WIDTH times.
void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt) {
#pragma HLS INTERFACE mode=m_axi port=words offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=m_axi port=counts offset=slave bundle=gmem1
#pragma HLS INTERFACE mode=s_axilite port=total
#pragma HLS INTERFACE mode=s_axilite port=min_cnt
#pragma HLS INTERFACE mode=s_axilite port=max_cnt
#pragma HLS INTERFACE mode=s_axilite port=return
    total_t sum = 0;
    cnt_t lo = PC_WIDTH;
    cnt_t hi = 0;

word_loop:
    for (int i = 0; i < PC_NW; i++) {
#pragma HLS LOOP_FLATTEN off
        word_t w = words[i];
        cnt_t c = 0;
    bit_loop:
        for (int b = 0; b < PC_WIDTH; b++) {
#pragma HLS PIPELINE II=1
            c += (w & 1);
            w <<= 1;
        }
        counts[i] = c;
        sum += c;
        if (c < lo) {
            lo = c;
        }
        if (c > hi) {
            hi = c;
        }
    }

    *total = sum;
    *min_cnt = lo;
    *max_cnt = hi;
}
