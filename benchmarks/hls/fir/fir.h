#ifndef FIR_H
#define FIR_H

#include <ap_int.h>

// Block FIR filter: 16 Q15 taps applied to a block of 64 signed 16-bit samples.
constexpr int NTAPS = 16;
constexpr int NSAMP = 64;
constexpr int OUT_SHIFT = 15;                  // taps are Q15
constexpr int ROUND = 1 << (OUT_SHIFT - 1);    // round half up before the shift
constexpr int OUT_MAX = 32767;
constexpr int OUT_MIN = -32768;

typedef ap_int<16> sample_t;   // input and output samples
typedef ap_int<16> coef_t;     // Q15 filter taps
typedef ap_int<40> acc_t;      // multiply-accumulate width

void fir(const sample_t in[NSAMP], sample_t out[NSAMP]);

#endif
