#include <cstdint>
#include <cstdio>

#include "prefix_sum.h"

// Reference: a plain running sum in 64-bit integers.
static void ref_scan(const int64_t *x, int64_t start, int64_t *y) {
    int64_t s = start;
    for (int i = 0; i < 64; i++) {
        s += x[i];
        y[i] = s;
    }
}

static int errors = 0;
static int printed = 0;

static void run_case(const char *name, const int64_t *x, int64_t start) {
    data_t in[PS_N];
    sum_t out[PS_N];
    int64_t expect[PS_N];
    for (int i = 0; i < PS_N; i++) {
        in[i] = (int)x[i];
        out[i] = 0x5a5a5a5a;  // marker: shows outputs the kernel never wrote
    }
    ref_scan(x, start, expect);
    prefix_sum(in, out, base_t((int)start));
    for (int i = 0; i < PS_N; i++) {
        long long got = out[i].to_int64();
        if (got != expect[i]) {
            errors++;
            if (printed < 30) {
                printed++;
                printf("MISMATCH %s i=%d got=%lld expected=%lld\n", name, i, got,
                       (long long)expect[i]);
            }
        }
    }
}

int main() {
    int64_t x[PS_N];

    // 1. All ones, no offset: out[i] = i + 1.
    for (int i = 0; i < PS_N; i++) x[i] = 1;
    run_case("ones", x, 0);

    // 2. Index values with a positive start value.
    for (int i = 0; i < PS_N; i++) x[i] = i;
    run_case("ramp_base", x, 1000);

    // 3. Single non-zero element at each position of a 4-element group.
    for (int p = 0; p < 8; p++) {
        for (int i = 0; i < PS_N; i++) x[i] = 0;
        x[p * 9 % PS_N] = 7 + p;
        run_case("single", x, -3);
    }

    // 4. Negative extremes with a negative start value.
    for (int i = 0; i < PS_N; i++) x[i] = -32768;
    run_case("neg_full", x, -8388608);

    // 5. Positive extremes with the largest start value.
    for (int i = 0; i < PS_N; i++) x[i] = 32767;
    run_case("pos_full", x, 8388607);

    // 6. Distinct values per tile, so a tile read from the wrong place shows.
    for (int i = 0; i < PS_N; i++) x[i] = (i / TILE + 1) * 100 + (i % TILE);
    run_case("tiles", x, 5);

    // 7. Pseudo-random values from a fixed LCG.
    uint32_t state = 2024u;
    for (int rep = 0; rep < 6; rep++) {
        for (int i = 0; i < PS_N; i++) {
            state = state * 1103515245u + 12345u;
            x[i] = (int64_t)(int16_t)(state >> 15);
        }
        state = state * 1103515245u + 12345u;
        int64_t start = (int64_t)((int32_t)state >> 8);
        run_case("random", x, start);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
