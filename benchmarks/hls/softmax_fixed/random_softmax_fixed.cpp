#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "softmax_fixed.h"

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
    rng_state = (uint32_t)(seed * 2654435761u) ^ 0x85ebca6bu;
    if (rng_state == 0) rng_state = 1;

    for (int c = 0; c < 40; c++) {
        in_t x[SM_N];
        out_t y[SM_N];
        int mode = c % 4;
        int base = (int)(int16_t)(next_rand() & 0xffff) / 2;
        for (int i = 0; i < SM_N; i++) {
            uint32_t r = next_rand();
            int raw;
            if (mode == 0) {
                raw = (int)(int16_t)(r & 0xffff);                 // full range
            } else if (mode == 1) {
                raw = base + (int)(r % 4096) - 2048;              // within +-2 of a base
            } else if (mode == 2) {
                raw = base - (int)(r % (14 * 1024));              // spread around the table end
            } else {
                raw = -(int)(r % 32768);                          // non-positive only
            }
            if (raw > 32767) raw = 32767;
            if (raw < -32768) raw = -32768;
            x[i].range(15, 0) = raw & 0xffff;
            y[i] = 0;
        }
        softmax_fixed(x, y);
        printf("case %d:", c);
        for (int i = 0; i < SM_N; i++) printf(" %s", y[i].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
