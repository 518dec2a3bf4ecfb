#ifndef STREAM_PIPELINE_H
#define STREAM_PIPELINE_H

#include <ap_int.h>
#include <hls_stream.h>

// Three-stage streaming pipeline: read, scale by a Q8.8 gain, 4-sample moving sum.
constexpr int SP_N = 64;                        // samples per call
constexpr int WIN = 4;                          // moving-sum window length
constexpr int GAIN_FRAC = 8;                    // gain has 8 fraction bits
constexpr int GAIN_ROUND = 1 << (GAIN_FRAC - 1);

typedef ap_int<16> sample_t;   // input sample
typedef ap_int<16> gain_t;     // signed Q8.8 gain
typedef ap_int<32> prod_t;     // full product sample * gain
typedef ap_int<24> scaled_t;   // rounded, scaled sample
typedef ap_int<32> out_t;      // moving sum of WIN scaled samples

void stream_pipeline(hls::stream<sample_t> &in, hls::stream<out_t> &out, gain_t gain);

#endif
