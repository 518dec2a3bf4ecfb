#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "stream_pipeline.h"

// xorshift64* generator, seeded from the command line.
static uint64_t rs = 1;

static uint32_t rnd() {
    rs ^= rs >> 12;
    rs ^= rs << 25;
    rs ^= rs >> 27;
    return (uint32_t)((rs * 0x2545f4914f6cdd1dull) >> 32);
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rs = 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed * 0xd1342543de82ef95ull);
    if (rs == 0) rs = 1;

    for (int c = 0; c < 30; c++) {
        hls::stream<sample_t> in;
        hls::stream<out_t> out;
        int mode = c % 3;
        for (int i = 0; i < SP_N; i++) {
            uint32_t r = rnd();
            int v;
            if (mode == 0) {
                v = (int)(int16_t)(r & 0xffff);
            } else if (mode == 1) {
                v = (int)(r % 61) - 30;
            } else {
                v = (r % 4 == 0) ? (int)(int16_t)(r >> 3) : 0;
            }
            in.write(sample_t(v));
        }
        int g = (int)(int16_t)(rnd() & 0xffff);
        stream_pipeline(in, out, gain_t(g));
        printf("case %d gain %d:", c, g);
        while (!out.empty()) printf(" %s", out.read().to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
