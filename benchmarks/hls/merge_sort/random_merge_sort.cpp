#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "merge_sort.h"

// xorshift32 generator, seeded from the command line.
static uint32_t rng_state = 1;

static uint32_t next_rand() {
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng_state = (uint32_t)(seed * 2246822519u) ^ 0x27d4eb2fu;
    if (rng_state == 0) rng_state = 1;

    for (int c = 0; c < 40; c++) {
        data_t in[SORT_N];
        data_t out[SORT_N];
        idx_t perm[SORT_N];
        int mode = c % 4;
        for (int n = 0; n < SORT_N; n++) {
            uint32_t r = next_rand();
            int v;
            if (mode == 0) {
                v = (int)(int16_t)(r & 0xffff);            // full range
            } else if (mode == 1) {
                v = (int)(r % 9) - 4;                      // many ties
            } else if (mode == 2) {
                v = (r & 1) ? 32767 : -32768;              // extremes only
            } else {
                v = (int)(r % 2001) - 1000;                // small range
            }
            in[n] = v;
            out[n] = 0;
            perm[n] = 0;
        }
        merge_sort(in, out, perm);
        printf("case %d:", c);
        for (int n = 0; n < SORT_N; n++) {
            printf(" %s/%u", out[n].to_string(16).c_str(), (unsigned)perm[n].to_uint());
        }
        printf("\n");
    }
    return 0;
}
