#include <cstdint>
#include <cstdio>

#include "matvec.h"

static int errors = 0;
static int printed = 0;

// Reference written with plain ints: y[r] = b[r] + sum over c of a[r][c] * v[c].
static void run_case(const char *name, const int a[MV_ROWS][MV_COLS], const int *v,
                     const int *bias) {
    mat_t A[MV_ROWS][MV_COLS];
    vec_t x[MV_COLS];
    bias_t b[MV_ROWS];
    acc_t y[MV_ROWS];
    for (int r = 0; r < MV_ROWS; r++) {
        for (int c = 0; c < MV_COLS; c++) A[r][c] = a[r][c];
        b[r] = bias[r];
        y[r] = 0;
    }
    for (int c = 0; c < MV_COLS; c++) x[c] = v[c];
    matvec(A, x, b, y);
    for (int r = 0; r < MV_ROWS; r++) {
        long long expect = bias[r];
        for (int c = 0; c < MV_COLS; c++) expect += (long long)a[r][c] * v[c];
        long long got = y[r].to_int64();
        if (got != expect) {
            errors++;
            if (printed < 30) {
                printed++;
                printf("MISMATCH %s y[%d] got=%lld expected=%lld\n", name, r, got, expect);
            }
        }
    }
}

int main() {
    static int a[MV_ROWS][MV_COLS];
    int v[MV_COLS];
    int bias[MV_ROWS];
    char name[32];

    // 1. Matrix with distinct small entries, bias only (x = 0).
    for (int r = 0; r < MV_ROWS; r++) {
        for (int c = 0; c < MV_COLS; c++) a[r][c] = (r * 5 + c * 3) % 17 - 8;
        bias[r] = 1000 * r - 7000;
    }
    for (int c = 0; c < MV_COLS; c++) v[c] = 0;
    run_case("bias_only", a, v, bias);

    // 2. Unit vectors: x selects one column at a time, no bias.
    for (int r = 0; r < MV_ROWS; r++) bias[r] = 0;
    for (int k = 0; k < MV_COLS; k++) {
        for (int c = 0; c < MV_COLS; c++) v[c] = (c == k) ? 1 : 0;
        snprintf(name, sizeof name, "unit_col%d", k);
        run_case(name, a, v, bias);
    }

    // 3. Negative vector entries.
    for (int c = 0; c < MV_COLS; c++) v[c] = -1 - (c % 5);
    run_case("neg_vector", a, v, bias);

    // 4. Extremes: every product is (-128) * (-128) or 127 * (-128), extreme bias.
    for (int r = 0; r < MV_ROWS; r++) {
        for (int c = 0; c < MV_COLS; c++) a[r][c] = (r & 1) ? 127 : -128;
        bias[r] = (r & 2) ? 32767 : -32768;
    }
    for (int c = 0; c < MV_COLS; c++) v[c] = -128;
    run_case("extremes", a, v, bias);

    // 5. Pseudo-random matrices, vectors and biases from a fixed LCG.
    uint32_t state = 777u;
    for (int rep = 0; rep < 8; rep++) {
        for (int r = 0; r < MV_ROWS; r++) {
            for (int c = 0; c < MV_COLS; c++) {
                state = state * 1664525u + 1013904223u;
                a[r][c] = (int)(int8_t)(state >> 24);
            }
            state = state * 1664525u + 1013904223u;
            bias[r] = (int)(int16_t)(state >> 16);
        }
        for (int c = 0; c < MV_COLS; c++) {
            state = state * 1664525u + 1013904223u;
            v[c] = (int)(int8_t)(state >> 24);
        }
        run_case("random", a, v, bias);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
