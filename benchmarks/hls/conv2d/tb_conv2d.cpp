#include <cstdint>
#include <cstdio>

#include "conv2d.h"

static int ref_img[IMG_H][IMG_W];
static int ref_k[KS][KS];
static int errors = 0;
static int printed = 0;

// Reference: direct 3x3 correlation on plain ints.
static int ref_pixel(int r, int c, int shift) {
    long sum = 0;
    for (int i = 0; i < KS; i++)
        for (int j = 0; j < KS; j++) sum += (long)ref_img[r + i][c + j] * ref_k[i][j];
    long rounded = sum + (shift > 0 ? (1L << (shift - 1)) : 0);
    long div = 1L << shift;
    long q = rounded / div;
    if (rounded % div != 0 && rounded < 0) q--;   // floor division
    if (q < 0) q = 0;
    if (q > 255) q = 255;
    return (int)q;
}

static void run_case(const char *name, int shift) {
    pix_t img[IMG_H][IMG_W];
    coef_t kern[KS][KS];
    pix_t out[OUT_H][OUT_W];
    for (int r = 0; r < IMG_H; r++)
        for (int c = 0; c < IMG_W; c++) img[r][c] = ref_img[r][c];
    for (int i = 0; i < KS; i++)
        for (int j = 0; j < KS; j++) kern[i][j] = ref_k[i][j];
    for (int r = 0; r < OUT_H; r++)
        for (int c = 0; c < OUT_W; c++) out[r][c] = 0;
    conv2d(img, kern, (shift_t)shift, out);
    for (int r = 0; r < OUT_H; r++)
        for (int c = 0; c < OUT_W; c++) {
            int got = out[r][c].to_int();
            int exp = ref_pixel(r, c, shift);
            if (got != exp) {
                errors++;
                if (printed < 30) {
                    printed++;
                    printf("MISMATCH %s out[%d][%d] got=%d expected=%d\n", name, r, c, got, exp);
                }
            }
        }
}

static void set_kernel(int a, int b, int c, int d, int e, int f, int g, int h, int i) {
    int v[9] = {a, b, c, d, e, f, g, h, i};
    for (int n = 0; n < 9; n++) ref_k[n / 3][n % 3] = v[n];
}

int main() {
    // Image with a distinct value at every position.
    for (int r = 0; r < IMG_H; r++)
        for (int c = 0; c < IMG_W; c++) ref_img[r][c] = (r * 29 + c * 7 + 3) % 251;

    // 1. Each single tap alone picks one neighbour: checks window alignment.
    for (int t = 0; t < 9; t++) {
        set_kernel(0, 0, 0, 0, 0, 0, 0, 0, 0);
        ref_k[t / 3][t % 3] = 1;
        run_case("single_tap", 0);
    }

    // 2. Asymmetric kernel with negative weights, no scaling.
    set_kernel(1, 2, 3, -1, 0, 4, -2, -3, 1);
    run_case("asym", 0);

    // 3. Box blur with rounding (divide by 8).
    set_kernel(1, 1, 1, 1, 1, 1, 1, 1, 1);
    run_case("box", 3);

    // 4. Laplacian: negative results clamp to 0.
    set_kernel(0, -1, 0, -1, 4, -1, 0, -1, 0);
    run_case("laplace", 0);

    // 5. Sharpen with large weights: results above 255 clamp.
    set_kernel(-1, -1, -1, -1, 12, -1, -1, -1, -1);
    run_case("sharpen", 1);

    // 6. Extreme weights, strongest scaling.
    set_kernel(127, -128, 127, -128, 127, -128, 127, -128, 127);
    run_case("extreme", 15);
    run_case("extreme7", 7);

    // 7. Pseudo-random images, kernels and shifts.
    uint32_t state = 777u;
    for (int rep = 0; rep < 8; rep++) {
        for (int r = 0; r < IMG_H; r++)
            for (int c = 0; c < IMG_W; c++) {
                state = state * 1664525u + 1013904223u;
                ref_img[r][c] = (int)(state >> 24);
            }
        for (int i = 0; i < KS; i++)
            for (int j = 0; j < KS; j++) {
                state = state * 1664525u + 1013904223u;
                ref_k[i][j] = (int)(int8_t)(state >> 24);
            }
        run_case("random", 2 + rep);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
