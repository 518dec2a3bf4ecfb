#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "matvec.h"

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

static int pick8(int mode) {
    uint32_t r = next_rand();
    if (mode == 0) return (int)(int8_t)(r & 0xff);             // full range
    if (mode == 1) return (int)(r % 7) - 3;                     // small values
    if (mode == 2) return (r & 1) ? 127 : -128;                 // extremes
    return ((r >> 8) % 5 == 0) ? (int)(int8_t)(r & 0xff) : 0;   // sparse
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng_state = (uint32_t)(seed * 2654435761u) ^ 0x9e3779b9u;
    if (rng_state == 0) rng_state = 1;

    for (int t = 0; t < 40; t++) {
        mat_t A[MV_ROWS][MV_COLS];
        vec_t x[MV_COLS];
        bias_t b[MV_ROWS];
        acc_t y[MV_ROWS];
        int mode = t % 4;
        for (int r = 0; r < MV_ROWS; r++) {
            for (int c = 0; c < MV_COLS; c++) A[r][c] = pick8(mode);
            b[r] = (int)(int16_t)(next_rand() & 0xffff);
            y[r] = 0;
        }
        for (int c = 0; c < MV_COLS; c++) x[c] = pick8((mode + 1) % 4);
        matvec(A, x, b, y);
        printf("case %d:", t);
        for (int r = 0; r < MV_ROWS; r++) printf(" %s", y[r].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
