#include <cmath>
#include <cstdint>
#include <cstdio>

#include "softmax_fixed.h"

// Reference model on raw integers: logits in units of 2^-10, exp values and
// outputs in units of 2^-16, reciprocal in units of 2^-17.
static int64_t ref_exp_table[176];

static void build_table() {
    for (int k = 0; k < 176; k++) ref_exp_table[k] = llround(std::exp(-k / 16.0) * 65536.0);
}

static void ref_softmax(const int *xr, int64_t *yr) {
    int mx = xr[0];
    for (int i = 1; i < SM_N; i++) mx = (xr[i] > mx) ? xr[i] : mx;
    int64_t ev[SM_N];
    int64_t total = 0;
    for (int i = 0; i < SM_N; i++) {
        int64_t idx = (int64_t)(mx - xr[i]) / 64;     // difference in 1/16 steps, rounded down
        ev[i] = (idx < 176) ? ref_exp_table[idx] : 0;
        total += ev[i];
    }
    int64_t recip = (int64_t(1) << 33) / total;       // floor(2^17 / sum) in 2^-17 units
    for (int i = 0; i < SM_N; i++) {
        int64_t prod = ev[i] * recip;                 // units of 2^-33
        yr[i] = (prod + (int64_t(1) << 16)) >> 17;    // round half up to 2^-16
    }
}

static int errors = 0;
static int printed = 0;

// xr holds raw logits (value * 1024), each in -32768 .. 32767.
static void run_case(const char *name, const int *xr) {
    in_t x[SM_N];
    out_t y[SM_N];
    int64_t expect[SM_N];
    for (int i = 0; i < SM_N; i++) {
        x[i].range(15, 0) = xr[i] & 0xffff;
        y[i] = 0;
    }
    ref_softmax(xr, expect);
    softmax_fixed(x, y);
    for (int i = 0; i < SM_N; i++) {
        int64_t got = (int64_t)y[i].range(16, 0).to_uint64();
        if (got != expect[i]) {
            errors++;
            if (printed < 30) {
                printed++;
                printf("MISMATCH %s y[%d] got=%lld/65536 expected=%lld/65536\n", name, i,
                       (long long)got, (long long)expect[i]);
            }
        }
    }
}

int main() {
    build_table();
    int xr[SM_N];

    // 1. All logits equal: every output is 1/16.
    for (int i = 0; i < SM_N; i++) xr[i] = 0;
    run_case("uniform", xr);

    // 2. Ramp from -7.5 to 0 in steps of 0.5.
    for (int i = 0; i < SM_N; i++) xr[i] = (i - 15) * 512;
    run_case("ramp", xr);

    // 3. Largest logit first and positive, the rest spread below it.
    for (int i = 0; i < SM_N; i++) xr[i] = (i == 0) ? 3 * 1024 : 1024 - 300 * i;
    run_case("max_first", xr);

    // 4. Only negative logits.
    for (int i = 0; i < SM_N; i++) xr[i] = -2048 - 700 * ((i * 5) % 16);
    run_case("negative", xr);

    // 5. Differences right at and around the end of the exp table (11.0).
    for (int i = 0; i < SM_N; i++) {
        static const int off[4] = {0, 11 * 1024, 11 * 1024 - 1, 11 * 1024 + 63};
        xr[i] = 5 * 1024 - off[i % 4];
    }
    run_case("table_edge", xr);

    // 6. Extremes: one dominant logit, everything else at the minimum.
    for (int i = 0; i < SM_N; i++) xr[i] = (i == 9) ? 32767 : -32768;
    run_case("one_hot", xr);

    // 7. Two maxima at both ends, small differences elsewhere.
    for (int i = 0; i < SM_N; i++) xr[i] = (i == 0 || i == 15) ? 1500 : 1500 - 37 * i;
    run_case("two_max", xr);

    // 8. Pseudo-random logits from a fixed LCG, wide and narrow spread.
    uint32_t state = 4242u;
    for (int rep = 0; rep < 8; rep++) {
        for (int i = 0; i < SM_N; i++) {
            state = state * 1664525u + 1013904223u;
            int v = (int)(int16_t)(state >> 16);
            xr[i] = (rep & 1) ? v / 8 : v;
        }
        run_case("random", xr);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
