#include "gemm_tile.h"

// Copies reduction chunk c of A (columns) and B (rows) into on-chip buffers.
static void load_chunk(const data_t A[TM][TK], const data_t B[TK][TN], int c,
                       data_t a[TM][KC], data_t b[KC][TN]) {
load_a:
    for (int i = 0; i < TM; i++) {
        for (int kk = 0; kk < KC; kk++) {
#pragma HLS PIPELINE II=1
            a[i][kk] = A[i][c * KC + kk];
        }
    }
load_b:
    for (int kk = 0; kk < KC; kk++) {
        for (int j = 0; j < TN; j++) {
#pragma HLS PIPELINE II=1
            b[kk][j] = B[c * KC + kk][j];
        }
    }
}

void gemm_tile(const data_t A[TM][TK], const data_t B[TK][TN], acc_t C[TM][TN]) {
#pragma HLS INTERFACE mode=m_axi port=A offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=m_axi port=B offset=slave bundle=gmem1
#pragma HLS INTERFACE mode=m_axi port=C offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=s_axilite port=return
    // Double buffers: one half is read by the multiply while the other is filled.
    data_t abuf[2][TM][KC];
#pragma HLS ARRAY_PARTITION variable=abuf type=complete dim=3
    data_t bbuf[2][KC][TN];
#pragma HLS ARRAY_PARTITION variable=bbuf type=complete dim=0
    acc_t acc[TM][TN];
#pragma HLS ARRAY_PARTITION variable=acc type=cyclic factor=4 dim=2

clear:
    for (int i = 0; i < TM; i++) {
#pragma HLS PIPELINE II=1
        for (int j = 0; j < TN; j++) {
#pragma HLS UNROLL
            acc[i][j] = 0;
        }
    }

    load_chunk(A, B, 0, abuf[0], bbuf[0]);

chunks:
    for (int c = 0; c < NCHUNK; c++) {
        int cur = c & 1;
        // Prefetch the next chunk into the idle half.
        if (c + 1 < NCHUNK) {
            load_chunk(A, B, c + 1, abuf[1 - cur], bbuf[1 - cur]);
        }
    mac_rows:
        for (int i = 0; i < TM; i++) {
#pragma HLS PIPELINE II=1
        mac_cols:
            for (int j = 0; j < TN; j++) {
#pragma HLS UNROLL
                acc_t s = acc[i][j];
                // Reduction unrolled by hand in groups of four products.
            mac_k:
                for (int kk = 0; kk < KC; kk += 4) {
#pragma HLS UNROLL
                    s += abuf[cur][i][kk] * bbuf[cur][kk][j];
                    s += abuf[cur][i][kk + 1] * bbuf[cur][kk + 1][j];
                    s += abuf[cur][i][kk + 2] * bbuf[cur][kk + 2][j];
                    s += abuf[cur][i][kk + 3] * bbuf[cur][kk + 3][j];
                }
                acc[i][j] = s;
            }
        }
    }

store:
    for (int i = 0; i < TM; i++) {
        for (int j = 0; j < TN; j++) {
#pragma HLS PIPELINE II=1
            C[i][j] = acc[i][j];
        }
    }
}
