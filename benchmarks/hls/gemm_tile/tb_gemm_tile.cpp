#include <cstdint>
#include <cstdio>

#include "gemm_tile.h"

// Reference: straightforward triple loop on plain ints.
static void ref_gemm(const int a[TM][TK], const int b[TK][TN], long long c[TM][TN]) {
    for (int i = 0; i < TM; i++)
        for (int j = 0; j < TN; j++) {
            long long s = 0;
            for (int k = 0; k < TK; k++) s += (long long)a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

static int ia[TM][TK], ib[TK][TN];
static data_t A[TM][TK], B[TK][TN];
static acc_t C[TM][TN];
static long long expect[TM][TN];
static int errors = 0;
static int printed = 0;

static void run_case(const char *name) {
    for (int i = 0; i < TM; i++)
        for (int k = 0; k < TK; k++) A[i][k] = ia[i][k];
    for (int k = 0; k < TK; k++)
        for (int j = 0; j < TN; j++) B[k][j] = ib[k][j];
    for (int i = 0; i < TM; i++)
        for (int j = 0; j < TN; j++) C[i][j] = 0;
    ref_gemm(ia, ib, expect);
    gemm_tile(A, B, C);
    for (int i = 0; i < TM; i++)
        for (int j = 0; j < TN; j++) {
            long long got = C[i][j].to_int64();
            if (got != expect[i][j]) {
                errors++;
                if (printed < 30) {
                    printed++;
                    printf("MISMATCH %s C[%d][%d] got=%lld expected=%lld\n", name, i, j, got,
                           expect[i][j]);
                }
            }
        }
}

int main() {
    // 1. A selects column k = 4*i + 1 of B; B holds distinct small values.
    for (int i = 0; i < TM; i++)
        for (int k = 0; k < TK; k++) ia[i][k] = (k == 4 * i + 1) ? 1 : 0;
    for (int k = 0; k < TK; k++)
        for (int j = 0; j < TN; j++) ib[k][j] = (k * 3 + j) % 100 - 50;
    run_case("select");

    // 2. Most negative operands everywhere: largest possible sums.
    for (int i = 0; i < TM; i++)
        for (int k = 0; k < TK; k++) ia[i][k] = -128;
    for (int k = 0; k < TK; k++)
        for (int j = 0; j < TN; j++) ib[k][j] = -128;
    run_case("min_values");

    // 3. Mixed extremes: most negative sums.
    for (int i = 0; i < TM; i++)
        for (int k = 0; k < TK; k++) ia[i][k] = 127;
    for (int k = 0; k < TK; k++)
        for (int j = 0; j < TN; j++) ib[k][j] = -128;
    run_case("mixed_extremes");

    // 4. Every reduction index carries its own weight.
    for (int i = 0; i < TM; i++)
        for (int k = 0; k < TK; k++) ia[i][k] = k + 1;
    for (int k = 0; k < TK; k++)
        for (int j = 0; j < TN; j++) ib[k][j] = (j + 1) * ((k & 1) ? -1 : 1);
    run_case("weights");

    // 5. Pseudo-random operands.
    uint32_t state = 2024u;
    for (int rep = 0; rep < 4; rep++) {
        for (int i = 0; i < TM; i++)
            for (int k = 0; k < TK; k++) {
                state = state * 1103515245u + 12345u;
                ia[i][k] = (int)(int8_t)(state >> 16);
            }
        for (int k = 0; k < TK; k++)
            for (int j = 0; j < TN; j++) {
                state = state * 1103515245u + 12345u;
                ib[k][j] = (int)(int8_t)(state >> 16);
            }
        run_case("random");
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
