#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "histogram.h"

// Small multiply-with-carry generator, seeded from the command line.
static uint32_t mwc_z = 362436069u, mwc_w = 521288629u;

static uint32_t next_rand() {
    mwc_z = 36969u * (mwc_z & 65535u) + (mwc_z >> 16);
    mwc_w = 18000u * (mwc_w & 65535u) + (mwc_w >> 16);
    return (mwc_z << 16) + mwc_w;
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    mwc_z += (uint32_t)seed * 7919u;
    mwc_w ^= (uint32_t)seed * 104729u;
    if (mwc_z == 0) mwc_z = 1;
    if (mwc_w == 0) mwc_w = 1;

    for (int c = 0; c < 40; c++) {
        uint32_t data[NWORDS];
        int lo_lim = (int)(next_rand() % 128);
        int span = 1 + (int)(next_rand() % (256 - lo_lim));
        int mode = c % 3;
        uint32_t px = next_rand() & 0xff;
        for (int w = 0; w < NWORDS; w++) {
            uint32_t word = 0;
            for (int l = 0; l < LANES; l++) {
                uint32_t v;
                if (mode == 0) {
                    v = next_rand() & 0xff;                               // full range
                } else if (mode == 1) {
                    v = (uint32_t)(lo_lim + (int)(next_rand() % span));   // band
                } else {
                    if (next_rand() % 8 == 0) px = next_rand() & 0xff;    // long runs
                    v = px;
                }
                word |= v << (8 * l);
            }
            data[w] = word;
        }
        count_t bins[NBINS];
        pix_t mn, mx;
        histogram(data, bins, &mn, &mx);
        printf("case %d: min %u max %u bins", c, mn.to_uint(), mx.to_uint());
        for (int b = 0; b < NBINS; b++) printf(" %u", bins[b].to_uint());
        printf("\n");
    }
    return 0;
}
