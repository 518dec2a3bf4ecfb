#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "popcount_serial.h"

// 32-bit xorshift generator; two draws make a 64-bit word.
static uint32_t xs = 1;

static uint32_t step() {
    xs ^= xs << 13;
    xs ^= xs >> 17;
    xs ^= xs << 5;
    return xs;
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    xs = (uint32_t)(seed * 0x85ebca6bu) ^ 0xc2b2ae35u;
    if (xs == 0) xs = 1;

    for (int c = 0; c < 40; c++) {
        word_t words[PC_NW];
        cnt_t counts[PC_NW];
        total_t total = 0;
        cnt_t mn = 0;
        cnt_t mx = 0;
        int mode = c % 4;
        for (int i = 0; i < PC_NW; i++) {
            uint64_t a = step();
            uint64_t b = step();
            uint64_t v = (a << 32) | b;
            if (mode == 1) v &= ((uint64_t)step() << 32) | step();       // sparse
            if (mode == 2) v |= ((uint64_t)step() << 32) | step();       // dense
            if (mode == 3) v = (step() % 3 == 0) ? ~0ull : (v >> (step() % 64));
            words[i] = v;
            counts[i] = 0;
        }
        popcount_serial(words, counts, &total, &mn, &mx);
        printf("case %d: total %s min %s max %s counts", c, total.to_string(16).c_str(),
               mn.to_string(16).c_str(), mx.to_string(16).c_str());
        for (int i = 0; i < PC_NW; i++) printf(" %s", counts[i].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
