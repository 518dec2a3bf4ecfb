#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "gemm_tile.h"

// 64-bit linear congruential generator, seeded from the command line.
static uint64_t rng = 1;

static uint32_t next_rand() {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(rng >> 33);
}

static data_t A[TM][TK], B[TK][TN];
static acc_t C[TM][TN];

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng = seed * 0x9e3779b97f4a7c15ull + 7;

    for (int c = 0; c < 30; c++) {
        int mode = c % 3;
        for (int i = 0; i < TM; i++)
            for (int k = 0; k < TK; k++) {
                uint32_t r = next_rand();
                int v = (int)(int8_t)(r & 0xff);
                if (mode == 1) v = (r % 3 == 0) ? v : 0;              // sparse
                if (mode == 2) v = (r & 0x100) ? 127 : -128;          // extremes
                A[i][k] = v;
            }
        for (int k = 0; k < TK; k++)
            for (int j = 0; j < TN; j++) {
                uint32_t r = next_rand();
                int v = (int)(int8_t)(r & 0xff);
                if (mode == 2) v = (r & 0x100) ? 127 : -128;
                B[k][j] = v;
            }
        gemm_tile(A, B, C);
        printf("case %d:", c);
        for (int i = 0; i < TM; i++)
            for (int j = 0; j < TN; j++) printf(" %s", C[i][j].to_string(16).c_str());
        printf("\n");
    }
    return 0;
}
