#include <cstdint>
#include <cstdio>

#include "qdot.h"

// Reference model with plain 64-bit integers.
static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

struct Case {
    int a[64];
    int b[64];
    int za, zb, zo, mult, shift;
};

static void ref_qdot(const Case &c, int64_t *acc, int64_t *y) {
    int64_t s = 0;
    for (int i = 0; i < 64; i++) s += (int64_t)(c.a[i] - c.za) * (int64_t)(c.b[i] - c.zb);
    *acc = s;
    int64_t d = (int64_t)1 << (15 + c.shift);
    int64_t v = floor_div(s * c.mult + d / 2, d) + c.zo;
    if (v > 127) v = 127;
    if (v < -128) v = -128;
    *y = v;
}

static int errors = 0;
static int printed = 0;

static void report(const char *name, const char *what, long long got, long long exp) {
    errors++;
    if (printed < 30) {
        printed++;
        printf("MISMATCH %s %s got=%lld expected=%lld\n", name, what, got, exp);
    }
}

static void run_case(const char *name, const Case &c) {
    q8_t a[QD_N];
    q8_t b[QD_N];
    for (int i = 0; i < QD_N; i++) {
        a[i] = c.a[i];
        b[i] = c.b[i];
    }
    acc_t acc = 0x12345;
    q8_t y = 99;
    qdot(a, b, q8_t(c.za), q8_t(c.zb), q8_t(c.zo), mult_t(c.mult), shift_t(c.shift), &acc, &y);
    int64_t eacc, ey;
    ref_qdot(c, &eacc, &ey);
    if (acc.to_int64() != eacc) report(name, "acc", acc.to_int64(), eacc);
    if (y.to_int64() != ey) report(name, "y", y.to_int64(), ey);
}

static void fill(Case &c, int av, int bv) {
    for (int i = 0; i < 64; i++) {
        c.a[i] = av;
        c.b[i] = bv;
    }
}

int main() {
    Case c;

    // 1. Small positive values, no zero points, multiplier 0.5, no shift.
    fill(c, 0, 0);
    for (int i = 0; i < 64; i++) {
        c.a[i] = i % 5;
        c.b[i] = 3 - (i % 4);
    }
    c.za = 0; c.zb = 0; c.zo = 0; c.mult = 16384; c.shift = 0;
    run_case("small", c);

    // 2. One non-zero product at each position of a group of four lanes.
    for (int p = 0; p < 8; p++) {
        fill(c, 10, -20);
        c.za = 10; c.zb = -20; c.zo = 3; c.mult = 32767; c.shift = 2;
        c.a[p * 7 % 64] = 10 + 40 + p;
        c.b[p * 7 % 64] = -20 - 30;
        run_case("single", c);
    }

    // 3. Negative weights with non-zero zero points.
    for (int i = 0; i < 64; i++) {
        c.a[i] = (i * 37) % 256 - 128;
        c.b[i] = -((i * 11) % 100) - 20;
    }
    c.za = -5; c.zb = 7; c.zo = -10; c.mult = 20000; c.shift = 10;
    run_case("neg_weights", c);

    // 4. Extreme operands and zero points: largest accumulator magnitudes, large shifts.
    fill(c, -128, 127);
    c.za = 127; c.zb = -128; c.zo = 0; c.mult = 32767;
    for (int s = 14; s <= MAX_SHIFT; s++) {
        c.shift = s;
        run_case("extreme_neg", c);
    }
    fill(c, 127, 127);
    c.za = -128; c.zb = -128; c.zo = -100; c.mult = 30000;
    for (int s = 14; s <= MAX_SHIFT; s++) {
        c.shift = s;
        run_case("extreme_pos", c);
    }

    // 5. Saturation at both ends of the output range.
    fill(c, 50, 60);
    c.za = 0; c.zb = 0; c.zo = 20; c.mult = 32767; c.shift = 0;
    run_case("sat_high", c);
    fill(c, 50, -60);
    run_case("sat_low", c);

    // 6. Pseudo-random vectors and parameters from a fixed LCG.
    uint32_t st = 4242u;
    for (int rep = 0; rep < 40; rep++) {
        for (int i = 0; i < 64; i++) {
            st = st * 1664525u + 1013904223u;
            c.a[i] = (int)(int8_t)(st >> 24);
            c.b[i] = (int)(int8_t)(st >> 13);
        }
        st = st * 1664525u + 1013904223u;
        c.za = (int)(int8_t)(st >> 24);
        c.zb = (int)(int8_t)(st >> 16);
        c.zo = (int)(int8_t)(st >> 8);
        st = st * 1664525u + 1013904223u;
        c.mult = (int)((st >> 9) & 0x7fff);
        c.shift = (int)((st >> 3) % (MAX_SHIFT + 1));
        run_case("random", c);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
