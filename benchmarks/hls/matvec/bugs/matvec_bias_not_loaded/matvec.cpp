#include "matvec.h"

// Matrix-vector product with bias. One row per clock: the 32 products of a
// row are summed in four interleaved lanes that are added at the end.
void matvec(const mat_t A[MV_ROWS][MV_COLS], const vec_t x[MV_COLS],
            const bias_t b[MV_ROWS], acc_t y[MV_ROWS]) {
#pragma HLS INTERFACE mode=ap_memory port=A
#pragma HLS INTERFACE mode=ap_memory port=x
#pragma HLS INTERFACE mode=ap_memory port=b
#pragma HLS INTERFACE mode=ap_memory port=y
#pragma HLS INTERFACE mode=ap_ctrl_hs port=return
#pragma HLS ARRAY_PARTITION variable=A type=complete dim=2
#pragma HLS ARRAY_PARTITION variable=x type=complete dim=1
    // The vector is held in registers for the whole call.
    vec_t xr[MV_COLS];
#pragma HLS ARRAY_PARTITION variable=xr type=complete dim=1

load_x:
    for (int c = 0; c < MV_COLS; c++) {
#pragma HLS UNROLL
        xr[c] = x[c];
    }

rows:
    for (int r = 0; r < MV_ROWS; r++) {
#pragma HLS PIPELINE II=1
        // Lane l sums columns l, l + 4, l + 8, ...; lane 0 starts from the bias.
        acc_t p0 = 0;
        acc_t p1 = 0;
        acc_t p2 = 0;
        acc_t p3 = 0;
    cols:
        for (int c = 0; c < MV_COLS; c += MV_LANES) {
#pragma HLS UNROLL
            p0 += A[r][c] * xr[c];
            p1 += A[r][c + 1] * xr[c + 1];
            p2 += A[r][c + 2] * xr[c + 2];
            p3 += A[r][c + 3] * xr[c + 3];
        }
        y[r] = (p0 + p1) + (p2 + p3);
    }
}
