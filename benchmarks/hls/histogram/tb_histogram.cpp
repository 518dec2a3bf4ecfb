#include <cstdint>
#include <cstdio>

#include "histogram.h"

static int pixels[NPIX];
static int errors = 0;
static int printed = 0;

static void report(const char *name, const char *what, int idx, int got, int exp) {
    errors++;
    if (printed < 30) {
        printed++;
        printf("MISMATCH %s %s[%d] got=%d expected=%d\n", name, what, idx, got, exp);
    }
}

static void run_case(const char *name) {
    // Reference: count directly on the unpacked pixels.
    int ref_bins[16] = {0};
    int ref_min = 255, ref_max = 0;
    for (int i = 0; i < NPIX; i++) {
        ref_bins[pixels[i] / 16]++;
        if (pixels[i] < ref_min) ref_min = pixels[i];
        if (pixels[i] > ref_max) ref_max = pixels[i];
    }

    uint32_t data[NWORDS];
    for (int w = 0; w < NWORDS; w++) {
        data[w] = (uint32_t)pixels[4 * w] | ((uint32_t)pixels[4 * w + 1] << 8) |
                  ((uint32_t)pixels[4 * w + 2] << 16) | ((uint32_t)pixels[4 * w + 3] << 24);
    }
    count_t bins[NBINS];
    for (int b = 0; b < NBINS; b++) bins[b] = 0xdead;
    pix_t mn = 0x5a, mx = 0xa5;
    histogram(data, bins, &mn, &mx);

    for (int b = 0; b < 16; b++)
        if ((int)bins[b].to_uint() != ref_bins[b]) report(name, "bins", b, bins[b].to_uint(), ref_bins[b]);
    if ((int)mn.to_uint() != ref_min) report(name, "min", 0, mn.to_uint(), ref_min);
    if ((int)mx.to_uint() != ref_max) report(name, "max", 0, mx.to_uint(), ref_max);
}

int main() {
    // 1. A single value: one run that never changes bin.
    for (int i = 0; i < NPIX; i++) pixels[i] = 0x37;
    run_case("constant");

    // 2. Ramp over the whole range: every bin gets 16.
    for (int i = 0; i < NPIX; i++) pixels[i] = i;
    run_case("ramp");

    // 3. Values confined to 100 .. 200: minimum above 0, maximum below 255.
    for (int i = 0; i < NPIX; i++) pixels[i] = 100 + (i * 37) % 101;
    run_case("band");

    // 4. Bin changes on every pixel, including the extremes 0 and 255.
    for (int i = 0; i < NPIX; i++) pixels[i] = (i & 1) ? 255 : (i % 7) * 16;
    run_case("alternate");

    // 5. Pseudo-random pixels, some runs restricted to a narrow band.
    uint32_t state = 99u;
    for (int rep = 0; rep < 6; rep++) {
        for (int i = 0; i < NPIX; i++) {
            state = state * 1664525u + 1013904223u;
            int v = (int)(state >> 24);
            pixels[i] = (rep & 1) ? 40 + v % 150 : v;
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
