#ifndef POPCOUNT_SERIAL_H
#define POPCOUNT_SERIAL_H

#include <ap_int.h>

// Bit-serial population count of 32 words of 64 bits, with block statistics.
constexpr int PC_WIDTH = 64;   // bits per word
constexpr int PC_NW = 32;      // words per call

typedef ap_uint<PC_WIDTH> word_t;   // input word
typedef ap_uint<7> cnt_t;           // ones in one word: 0 .. 64
typedef ap_uint<12> total_t;        // ones in the block: 0 .. 2048

void popcount_serial(const word_t words[PC_NW], cnt_t counts[PC_NW], total_t *total,
                     cnt_t *min_cnt, cnt_t *max_cnt);

#endif
