#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fir.h"

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
    rng_state = (uint32_t)(seed * 2654435761u) ^ 0x5bd1e995u;
    if (rng_state == 0) rng_state = 1;

    for (int c = 0; c < 40; c++) {
        sample_t in[NSAMP];
        sample_t out[NSAMP];
        int mode = c % 4;
        for (int n = 0; n < NSAMP; n++) {
            uint32_t r = next_rand();
            int v;
            if (mode == 0) {
                v = (int)(int16_t)(r & 0xffff);              // full range
            } else if (mode == 1) {
                v = (int)(r % 201) - 100;                    // small values
            } else if (mode == 2) {
                v = (r & 1) ? 32767 : -32768;                // extremes
            } else {
                v = ((r >> 8) % 4 == 0) ? (int)(int16_t)(r & 0xffff) : 0;  // sparse
            }
            in[n] = v;
            out[n] = 0;
        }
        fir(in, out);
        printf("case %d:", c);
        for (int n = 0; n < NSAMP; n++) printf(" %s", out[n].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
