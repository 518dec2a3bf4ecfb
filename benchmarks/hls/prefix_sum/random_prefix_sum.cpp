#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "prefix_sum.h"

// splitmix-style 64-bit generator, seeded from the command line.
static uint64_t rng = 0;

static uint32_t next_u32() {
    rng += 0x9e3779b97f4a7c15ull;
    uint64_t z = rng;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (uint32_t)(z >> 16);
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng = (uint64_t)seed * 0x2545f4914f6cdd1dull + 17;

    for (int c = 0; c < 36; c++) {
        data_t in[PS_N];
        sum_t out[PS_N];
        int mode = c % 3;
        for (int i = 0; i < PS_N; i++) {
            uint32_t r = next_u32();
            int v;
            if (mode == 0) {
                v = (int)(int16_t)(r & 0xffff);           // full range
            } else if (mode == 1) {
                v = (int)(r % 19) - 9;                    // small values
            } else {
                v = (r % 5 == 0) ? (int)(int16_t)(r >> 8) : 0;   // sparse
            }
            in[i] = v;
            out[i] = 0;
        }
        int start = (int)(next_u32() & 0xffffff) - (1 << 23);
        prefix_sum(in, out, base_t(start));
        printf("case %d base %d:", c, start);
        for (int i = 0; i < PS_N; i++) printf(" %s", out[i].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
