#ifndef PREFIX_SUM_H
#define PREFIX_SUM_H

#include <ap_int.h>

// Inclusive prefix sum of 64 signed 16-bit values, offset by a start value.
constexpr int PS_N = 64;               // elements per call
constexpr int TILE = 16;               // elements moved on chip at a time
constexpr int NTILES = PS_N / TILE;    // 4 tiles
constexpr int STEP = 4;                // elements per step of the hand-unrolled scan

typedef ap_int<16> data_t;   // input element
typedef ap_int<24> base_t;   // start value of the running sum
typedef ap_int<32> sum_t;    // output element (cannot overflow: |sum| < 2^24 + 2^21)

void prefix_sum(const data_t in[PS_N], sum_t out[PS_N], base_t base);

#endif
