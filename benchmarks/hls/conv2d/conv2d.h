#ifndef CONV2D_H
#define CONV2D_H

#include <ap_int.h>
#include <hls_stream.h>

// 3x3 "valid" convolution (no padding) of an 8x8 8-bit image.
constexpr int IMG_H = 8;
constexpr int IMG_W = 8;
constexpr int KS = 3;
constexpr int OUT_H = IMG_H - KS + 1;
constexpr int OUT_W = IMG_W - KS + 1;
constexpr int PIX_MAX = 255;

typedef ap_uint<8> pix_t;     // unsigned pixel
typedef ap_int<8> coef_t;     // signed kernel weight
typedef ap_int<20> sum_t;     // 9 products of 8x8 bits plus rounding
typedef ap_uint<4> shift_t;   // output scaling: divide by 2^shift

void conv2d(const pix_t img[IMG_H][IMG_W], const coef_t kern[KS][KS], shift_t shift,
            pix_t out[OUT_H][OUT_W]);

#endif
