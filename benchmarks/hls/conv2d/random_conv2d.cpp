#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "conv2d.h"

// xorshift64 generator, seeded from the command line.
static uint64_t rng = 88172645463325252ull;

static uint32_t next_rand() {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 32);
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng ^= (uint64_t)seed * 0x2545F4914F6CDD1Dull;
    if (rng == 0) rng = 1;

    for (int n = 0; n < 40; n++) {
        pix_t img[IMG_H][IMG_W];
        coef_t kern[KS][KS];
        pix_t out[OUT_H][OUT_W];
        for (int r = 0; r < IMG_H; r++)
            for (int c = 0; c < IMG_W; c++) img[r][c] = next_rand() & 0xff;
        for (int i = 0; i < KS; i++)
            for (int j = 0; j < KS; j++) {
                uint32_t v = next_rand();
                kern[i][j] = (n % 2) ? (int)(int8_t)(v & 0xff) : (int)(v % 9) - 4;
            }
        int shift;
        if (n % 2) {
            shift = 6 + (int)(next_rand() % 10);    // wide weights need scaling
        } else {
            shift = (n % 4 == 0) ? 0 : (int)(next_rand() % 4);
        }
        conv2d(img, kern, (shift_t)shift, out);
        printf("case %d shift %d:", n, shift);
        for (int r = 0; r < OUT_H; r++)
            for (int c = 0; c < OUT_W; c++) printf(" %d", out[r][c].to_int());
        printf("\n");
    }
    return 0;
}
