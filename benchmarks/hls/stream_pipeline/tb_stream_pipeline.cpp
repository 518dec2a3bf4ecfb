#include <cstdint>
#include <cstdio>

#include "stream_pipeline.h"

// Reference model in 64-bit integers, computing each window sum from scratch.
static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static void ref_pipeline(const int64_t *x, int64_t g, int64_t *y) {
    int64_t s[64];
    for (int i = 0; i < 64; i++) s[i] = floor_div(x[i] * g + 128, 256);
    for (int i = 0; i < 64; i++) {
        int64_t t = 0;
        for (int k = i - 3; k <= i; k++) {
            if (k >= 0) t += s[k];
        }
        y[i] = t;
    }
}

static int errors = 0;
static int printed = 0;

static void report(const char *name, const char *what, int i, long long got, long long exp) {
    errors++;
    if (printed < 30) {
        printed++;
        printf("MISMATCH %s %s i=%d got=%lld expected=%lld\n", name, what, i, got, exp);
    }
}

static void run_case(const char *name, const int64_t *x, int64_t g) {
    hls::stream<sample_t> in("tb_in");
    hls::stream<out_t> out("tb_out");
    int64_t expect[SP_N];
    for (int i = 0; i < SP_N; i++) in.write(sample_t((int)x[i]));
    ref_pipeline(x, g, expect);
    stream_pipeline(in, out, gain_t((int)g));
    if ((int)in.size() != 0) report(name, "input_left", 0, (long long)in.size(), 0);
    if ((int)out.size() != SP_N) report(name, "output_count", 0, (long long)out.size(), SP_N);
    for (int i = 0; i < SP_N && !out.empty(); i++) {
        long long got = out.read().to_int64();
        if (got != expect[i]) report(name, "out", i, got, (long long)expect[i]);
    }
    while (!out.empty()) out.read();
    while (!in.empty()) in.read();
}

int main() {
    int64_t x[SP_N];

    // 1. Impulse with unit gain (1.0 = 256): the window shows up as four equal outputs.
    for (int i = 0; i < SP_N; i++) x[i] = (i == 5) ? 1000 : 0;
    run_case("impulse", x, 256);

    // 2. Negative impulse with gain 1.5.
    for (int i = 0; i < SP_N; i++) x[i] = (i == 0) ? -2000 : 0;
    run_case("neg_impulse", x, 384);

    // 3. Constant input, negative gain.
    for (int i = 0; i < SP_N; i++) x[i] = 300;
    run_case("const_neg_gain", x, -200);

    // 4. Small signed ramp with a small gain: rounding of tiny products.
    for (int i = 0; i < SP_N; i++) x[i] = (i % 7) - 3;
    run_case("small_ramp", x, 100);

    // 5. Full-scale values and extreme gains.
    for (int i = 0; i < SP_N; i++) x[i] = (i & 1) ? 32767 : -32768;
    run_case("full_scale_min_gain", x, -32768);
    run_case("full_scale_max_gain", x, 32767);

    // 6. Pseudo-random samples and gains from a fixed LCG.
    uint32_t state = 777u;
    for (int rep = 0; rep < 5; rep++) {
        for (int i = 0; i < SP_N; i++) {
            state = state * 1664525u + 1013904223u;
            x[i] = (int64_t)(int16_t)(state >> 16);
        }
        state = state * 1664525u + 1013904223u;
        run_case("random", x, (int64_t)(int16_t)(state >> 12));
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
