#include <cstdint>
#include <cstdio>

#include "popcount_serial.h"

// Reference: clear the lowest set bit until none is left (Kernighan's method).
static int ref_ones(uint64_t v) {
    int n = 0;
    while (v != 0) {
        v &= v - 1;
        n++;
    }
    return n;
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

static void run_case(const char *name, const uint64_t *v) {
    word_t words[PC_NW];
    cnt_t counts[PC_NW];
    total_t total = 0x7ff;
    cnt_t mn = 0x55;
    cnt_t mx = 0x55;
    int exp_total = 0, exp_min = 1000, exp_max = -1;
    for (int i = 0; i < PC_NW; i++) {
        words[i] = v[i];
        counts[i] = 0x55;
        int n = ref_ones(v[i]);
        exp_total += n;
        if (n < exp_min) exp_min = n;
        if (n > exp_max) exp_max = n;
    }
    popcount_serial(words, counts, &total, &mn, &mx);
    for (int i = 0; i < PC_NW; i++) {
        int n = ref_ones(v[i]);
        if ((int)counts[i] != n) report(name, "count", i, (int)counts[i], n);
    }
    if ((int)total != exp_total) report(name, "total", 0, (int)total, exp_total);
    if ((int)mn != exp_min) report(name, "min", 0, (int)mn, exp_min);
    if ((int)mx != exp_max) report(name, "max", 0, (int)mx, exp_max);
}

int main() {
    uint64_t v[PC_NW];

    // 1. One set bit per word, walking from bit 0 to bit 31.
    for (int i = 0; i < PC_NW; i++) v[i] = 1ull << i;
    run_case("walk_low", v);

    // 2. One set bit per word, walking from bit 32 to bit 63.
    for (int i = 0; i < PC_NW; i++) v[i] = 1ull << (32 + i);
    run_case("walk_high", v);

    // 3. Words with 0 .. 31 low bits set, the top bit set in every odd word.
    for (int i = 0; i < PC_NW; i++) {
        v[i] = (i == 0) ? 0 : ((1ull << i) - 1);
        if (i & 1) v[i] |= 1ull << 63;
    }
    run_case("fill", v);

    // 4. All ones and all zeros alternating.
    for (int i = 0; i < PC_NW; i++) v[i] = (i & 1) ? ~0ull : 0ull;
    run_case("full_empty", v);

    // 5. Every word has at least 20 ones: the minimum is well above zero.
    for (int i = 0; i < PC_NW; i++) v[i] = 0x00000000fffff000ull | ((uint64_t)i << 40);
    run_case("dense", v);

    // 6. Pseudo-random words from a fixed 64-bit LCG.
    uint64_t state = 99991u;
    for (int rep = 0; rep < 4; rep++) {
        for (int i = 0; i < PC_NW; i++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            v[i] = state ^ (state >> 29);
        }
        run_case("random", v);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
