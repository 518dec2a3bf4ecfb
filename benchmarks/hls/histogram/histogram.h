#ifndef HISTOGRAM_H
#define HISTOGRAM_H

#include <cstdint>

#include <ap_int.h>

// Histogram of 256 8-bit pixels, delivered four to a 32-bit word, into 16 bins.
constexpr int NWORDS = 64;
constexpr int LANES = 4;                  // pixels per word, lane l in bits 8l+7 .. 8l
constexpr int NPIX = NWORDS * LANES;
constexpr int NBINS = 16;
constexpr int BIN_SHIFT = 4;              // bin = pixel >> BIN_SHIFT
constexpr int PIX_MAX = 255;

typedef ap_uint<8> pix_t;
typedef ap_uint<4> bin_t;
typedef ap_uint<16> count_t;

void histogram(const uint32_t data[NWORDS], count_t bins[NBINS], pix_t *min_val,
               pix_t *max_val);

#endif
