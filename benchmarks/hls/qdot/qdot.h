#ifndef QDOT_H
#define QDOT_H

#include <ap_int.h>
#include <cstdint>

// Quantized dot product: int8 operands with zero points, int32 accumulation,
// requantization to int8 by a Q15 multiplier and a right shift.
constexpr int QD_N = 64;        // vector length
constexpr int LANES = 4;        // multiply-accumulate lanes
constexpr int MULT_FRAC = 15;   // the multiplier has 15 fraction bits
constexpr int MAX_SHIFT = 20;   // largest supported extra shift
constexpr int Q8_MAX = 127;
constexpr int Q8_MIN = -128;

typedef ap_int<8> q8_t;       // quantized value or zero point
typedef ap_int<9> diff_t;     // value minus zero point
typedef ap_int<32> acc_t;     // accumulator
typedef ap_uint<15> mult_t;   // requantization multiplier, value / 2^15
typedef ap_uint<5> shift_t;   // extra right shift, 0 .. MAX_SHIFT

void qdot(const q8_t a[QD_N], const q8_t b[QD_N], q8_t za, q8_t zb, q8_t zo, mult_t mult,
          shift_t shift, acc_t *acc_out, q8_t *y);

#endif
