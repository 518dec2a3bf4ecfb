#ifndef MATVEC_H
#define MATVEC_H

#include <ap_int.h>

// y = A * x + b for a 16 x 32 matrix of signed 8-bit weights.
constexpr int MV_ROWS = 16;
constexpr int MV_COLS = 32;
constexpr int MV_LANES = 4;    // columns handled per unrolled step

typedef ap_int<8> mat_t;       // matrix element
typedef ap_int<8> vec_t;       // input vector element
typedef ap_int<16> bias_t;     // per-row bias
typedef ap_int<24> acc_t;      // accumulator and result, no overflow possible

void matvec(const mat_t A[MV_ROWS][MV_COLS], const vec_t x[MV_COLS],
            const bias_t b[MV_ROWS], acc_t y[MV_ROWS]);

#endif
