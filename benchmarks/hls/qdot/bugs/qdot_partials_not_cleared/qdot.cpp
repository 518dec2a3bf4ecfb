#include "qdot.h"

void qdot(const q8_t a[QD_N], const q8_t b[QD_N], q8_t za, q8_t zb, q8_t zo, mult_t mult,
          shift_t shift, acc_t *acc_out, q8_t *y) {
#pragma HLS INTERFACE mode=m_axi port=a offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=m_axi port=b offset=slave bundle=gmem1
#pragma HLS INTERFACE mode=s_axilite port=za
#pragma HLS INTERFACE mode=s_axilite port=zb
#pragma HLS INTERFACE mode=s_axilite port=zo
#pragma HLS INTERFACE mode=s_axilite port=mult
#pragma HLS INTERFACE mode=s_axilite port=shift
#pragma HLS INTERFACE mode=s_axilite port=acc_out
#pragma HLS INTERFACE mode=s_axilite port=y
#pragma HLS INTERFACE mode=s_axilite port=return
    // Local copies, split into LANES banks so that one step reads LANES elements.
    q8_t la[QD_N];
#pragma HLS ARRAY_PARTITION variable=la type=cyclic factor=4 dim=1
    q8_t lb[QD_N];
#pragma HLS ARRAY_PARTITION variable=lb type=cyclic factor=4 dim=1
    // One partial sum per lane, added together at the end.
    acc_t part[LANES];
#pragma HLS ARRAY_PARTITION variable=part type=complete dim=1

load:
    for (int i = 0; i < QD_N; i++) {
#pragma HLS PIPELINE II=1
        la[i] = a[i];
        lb[i] = b[i];
    }

mac:
    for (int i = 0; i < QD_N; i += LANES) {
#pragma HLS PIPELINE II=1
    lanes:
        for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
            diff_t da = la[i + l] - za;
            diff_t db = lb[i + l] - zb;
            part[l] += da * db;
        }
    }

    acc_t acc = 0;
reduce:
    for (int l = 0; l < LANES; l++) {
#pragma HLS UNROLL
        acc += part[l];
    }
    *acc_out = acc;

    // Requantize: acc * mult / 2^(15 + shift), rounded half up, plus the output
    // zero point, saturated to the int8 range.
    int ts = MULT_FRAC + (int)shift;
    int64_t prod = (int64_t)acc.to_int() * (int64_t)mult.to_int();
    int64_t r = (prod + ((int64_t)1 << (ts - 1))) >> ts;
    r += zo.to_int();
    if (r > Q8_MAX) {
        r = Q8_MAX;
    } else if (r < Q8_MIN) {
        r = Q8_MIN;
    }
    *y = (int)r;
}
