#include <cstdint>
#include <cstdio>

#include "fir.h"

// Reference model written with plain 64-bit integers.
static const int64_t REF_TAPS[16] = {-200, -480, -380, 640,  2300, 4500, 6540, 7800,
                                     7800, 6540, 4500, 2300, 640,  -380, -480, -200};

static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static void ref_fir(const int64_t *x, int64_t *y) {
    for (int n = 0; n < NSAMP; n++) {
        int64_t s = 0;
        for (int k = 0; k < 16; k++) {
            if (n - k >= 0) s += REF_TAPS[k] * x[n - k];
        }
        int64_t v = floor_div(s + 16384, 32768);
        if (v > 32767) v = 32767;
        if (v < -32768) v = -32768;
        y[n] = v;
    }
}

static int errors = 0;
static int printed = 0;

static void run_case(const char *name, const int64_t *x) {
    sample_t in[NSAMP];
    sample_t out[NSAMP];
    int64_t expect[NSAMP];
    for (int n = 0; n < NSAMP; n++) {
        in[n] = (int)x[n];
        out[n] = 0;
    }
    ref_fir(x, expect);
    fir(in, out);
    for (int n = 0; n < NSAMP; n++) {
        long long got = out[n].to_int64();
        if (got != expect[n]) {
            errors++;
            if (printed < 30) {
                printed++;
                printf("MISMATCH %s n=%d got=%lld expected=%lld\n", name, n, got,
                       (long long)expect[n]);
            }
        }
    }
}

int main() {
    int64_t x[NSAMP];

    // 1. Unit impulse scaled to 1.0 in Q15 minus one: shows every tap.
    for (int n = 0; n < NSAMP; n++) x[n] = (n == 3) ? 32767 : 0;
    run_case("impulse", x);

    // 2. Negative impulse.
    for (int n = 0; n < NSAMP; n++) x[n] = (n == 0) ? -32768 : 0;
    run_case("neg_impulse", x);

    // 3. Full-scale steps up and down: drives the output into saturation.
    for (int n = 0; n < NSAMP; n++) x[n] = (n < 32) ? 32767 : -32768;
    run_case("steps", x);

    // 4. Small signed ramp: rounding of small results.
    for (int n = 0; n < NSAMP; n++) x[n] = (n % 9) - 4;
    run_case("small_ramp", x);

    // 5. Alternating signs (stop band).
    for (int n = 0; n < NSAMP; n++) x[n] = (n & 1) ? 20000 : -20000;
    run_case("alternating", x);

    // 6. Pseudo-random samples from a fixed LCG.
    uint32_t state = 12345u;
    for (int rep = 0; rep < 4; rep++) {
        for (int n = 0; n < NSAMP; n++) {
            state = state * 1664525u + 1013904223u;
            x[n] = (int64_t)(int16_t)(state >> 16);
        }
        run_case("random", x);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
