#include <cstdint>
#include <cstdio>

#include "merge_sort.h"

// Reference: stable insertion sort of (key, position) pairs on plain ints.
static void ref_sort(const int *x, int *keys, int *pos) {
    for (int n = 0; n < SORT_N; n++) {
        int v = x[n];
        int m = n;
        while (m > 0 && keys[m - 1] > v) {
            keys[m] = keys[m - 1];
            pos[m] = pos[m - 1];
            m--;
        }
        keys[m] = v;
        pos[m] = n;
    }
}

static int errors = 0;
static int printed = 0;

static void report(const char *name, const char *what, int n, long long got, long long exp) {
    errors++;
    if (printed < 30) {
        printed++;
        printf("MISMATCH %s %s[%d] got=%lld expected=%lld\n", name, what, n, got, exp);
    }
}

static void run_case(const char *name, const int *x) {
    data_t in[SORT_N];
    data_t out[SORT_N];
    idx_t perm[SORT_N];
    int ekey[SORT_N];
    int epos[SORT_N];
    for (int n = 0; n < SORT_N; n++) {
        in[n] = x[n];
        out[n] = 0;
        perm[n] = 0;
    }
    ref_sort(x, ekey, epos);
    merge_sort(in, out, perm);
    for (int n = 0; n < SORT_N; n++) {
        long long k = out[n].to_int64();
        long long p = perm[n].to_uint64();
        if (k != ekey[n]) report(name, "out", n, k, ekey[n]);
        if (p != (long long)epos[n]) report(name, "perm", n, p, epos[n]);
    }
}

int main() {
    int x[SORT_N];

    // 1. Already sorted.
    for (int n = 0; n < SORT_N; n++) x[n] = n * 3 - 40;
    run_case("ascending", x);

    // 2. Reverse order.
    for (int n = 0; n < SORT_N; n++) x[n] = 1000 - 7 * n;
    run_case("descending", x);

    // 3. All keys equal: the order of positions must not change.
    for (int n = 0; n < SORT_N; n++) x[n] = -5;
    run_case("all_equal", x);

    // 4. Few distinct values, many ties spread over the block.
    for (int n = 0; n < SORT_N; n++) x[n] = (n * 7) % 3 - 1;
    run_case("ties", x);

    // 5. Extremes and zero mixed.
    for (int n = 0; n < SORT_N; n++) {
        int r = n % 4;
        x[n] = (r == 0) ? 32767 : (r == 1) ? -32768 : (r == 2) ? 0 : ((n & 8) ? -1 : 1);
    }
    run_case("extremes", x);

    // 6. Only negative keys.
    for (int n = 0; n < SORT_N; n++) x[n] = -1 - ((n * 13) % 32) * 997;
    run_case("negative", x);

    // 7. Pseudo-random keys from a fixed LCG, full range and narrow range.
    uint32_t state = 2024u;
    for (int rep = 0; rep < 6; rep++) {
        for (int n = 0; n < SORT_N; n++) {
            state = state * 1664525u + 1013904223u;
            int v = (int)(int16_t)(state >> 16);
            x[n] = (rep & 1) ? (v % 6) : v;
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
