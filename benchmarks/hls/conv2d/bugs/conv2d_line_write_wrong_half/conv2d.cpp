#include "conv2d.h"

// Streams the image out row by row.
static void read_image(const pix_t img[IMG_H][IMG_W], hls::stream<pix_t> &pix_s) {
read_rows:
    for (int r = 0; r < IMG_H; r++) {
    read_cols:
        for (int c = 0; c < IMG_W; c++) {
#pragma HLS PIPELINE II=1
            pix_s.write(img[r][c]);
        }
    }
}

// Sliding 3x3 window fed from a two-row line buffer; one output per valid window.
static void filter(hls::stream<pix_t> &pix_s, const coef_t kern[KS][KS], shift_t shift,
                   hls::stream<pix_t> &res_s) {
    coef_t k[KS][KS];
#pragma HLS ARRAY_PARTITION variable=k type=complete dim=0
    // The two halves take turns: at row r, half (r & 1) holds row r-2 and the
    // other half holds row r-1.
    pix_t line[2][IMG_W];
#pragma HLS ARRAY_PARTITION variable=line type=complete dim=1
    pix_t win[KS][KS];
#pragma HLS ARRAY_PARTITION variable=win type=complete dim=0

copy_kernel:
    for (int i = 0; i < KS; i++) {
        for (int j = 0; j < KS; j++) {
#pragma HLS PIPELINE II=1
            k[i][j] = kern[i][j];
        }
    }
clear_lines:
    for (int c = 0; c < IMG_W; c++) {
#pragma HLS PIPELINE II=1
        line[0][c] = 0;
        line[1][c] = 0;
    }
clear_window:
    for (int i = 0; i < KS; i++) {
#pragma HLS UNROLL
        for (int j = 0; j < KS; j++) {
#pragma HLS UNROLL
            win[i][j] = 0;
        }
    }

    int sh = shift;
    int rnd = (sh == 0) ? 0 : (1 << (sh - 1));

rows:
    for (int r = 0; r < IMG_H; r++) {
    cols:
        for (int c = 0; c < IMG_W; c++) {
#pragma HLS PIPELINE II=1
            pix_t p = pix_s.read();
            int older = r & 1;
            pix_t row2 = line[older][c];       // pixel of row r-2
            pix_t row1 = line[1 - older][c];   // pixel of row r-1
            line[1 - older][c] = p;

        slide_rows:
            for (int i = 0; i < KS; i++) {
#pragma HLS UNROLL
            slide_cols:
                for (int j = 0; j < KS - 1; j++) {
#pragma HLS UNROLL
                    win[i][j] = win[i][j + 1];
                }
            }
            win[0][KS - 1] = row2;
            win[1][KS - 1] = row1;
            win[2][KS - 1] = p;

            if (r >= KS - 1 && c >= KS - 1) {
                sum_t sum = 0;
            mac_rows:
                for (int i = 0; i < KS; i++) {
#pragma HLS UNROLL
                mac_cols:
                    for (int j = 0; j < KS; j++) {
#pragma HLS UNROLL
                        sum += win[i][j] * k[i][j];
                    }
                }
                // Round half up, scale, clamp to the pixel range.
                sum_t v = (sum + rnd) >> sh;
                if (v < 0) {
                    v = 0;
                } else if (v > PIX_MAX) {
                    v = PIX_MAX;
                }
                res_s.write(v);
            }
        }
    }
}

// Collects the OUT_H x OUT_W results in raster order.
static void write_image(hls::stream<pix_t> &res_s, pix_t out[OUT_H][OUT_W]) {
write_rows:
    for (int r = 0; r < OUT_H; r++) {
    write_cols:
        for (int c = 0; c < OUT_W; c++) {
#pragma HLS PIPELINE II=1
            out[r][c] = res_s.read();
        }
    }
}

void conv2d(const pix_t img[IMG_H][IMG_W], const coef_t kern[KS][KS], shift_t shift,
            pix_t out[OUT_H][OUT_W]) {
#pragma HLS INTERFACE mode=m_axi port=img offset=slave bundle=gmem0
#pragma HLS INTERFACE mode=m_axi port=out offset=slave bundle=gmem1
#pragma HLS INTERFACE mode=s_axilite port=kern
#pragma HLS INTERFACE mode=s_axilite port=shift
#pragma HLS INTERFACE mode=s_axilite port=return
#pragma HLS DATAFLOW
    hls::stream<pix_t> pix_s;
    hls::stream<pix_t> res_s;

    read_image(img, pix_s);
    filter(pix_s, kern, shift, res_s);
    write_image(res_s, out);
}
