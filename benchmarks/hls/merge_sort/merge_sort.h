#ifndef MERGE_SORT_H
#define MERGE_SORT_H

#include <ap_int.h>

// Stable ascending sort of 32 signed 16-bit keys, also reporting where each
// output key came from.
constexpr int SORT_N = 32;       // keys per call
constexpr int SORT_PASSES = 5;   // log2(SORT_N) merge passes

typedef ap_int<16> data_t;   // signed key
typedef ap_uint<5> idx_t;    // position in the input block (0 .. SORT_N-1)

void merge_sort(const data_t in[SORT_N], data_t out[SORT_N], idx_t perm[SORT_N]);

#endif
