#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "qdot.h"

// Park-Miller style generator on 64-bit state, seeded from the command line.
static uint64_t pm = 1;

static uint32_t draw() {
    pm = (pm * 48271u) % 2147483647u;
    return (uint32_t)pm;
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    pm = (seed * 7919u + 12345u) % 2147483647u;
    if (pm == 0) pm = 1;

    for (int c = 0; c < 48; c++) {
        q8_t a[QD_N];
        q8_t b[QD_N];
        int mode = c % 3;
        for (int i = 0; i < QD_N; i++) {
            uint32_t r = draw();
            if (mode == 0) {
                a[i] = (int)(r & 0xff) - 128;
                b[i] = (int)((r >> 8) & 0xff) - 128;
            } else if (mode == 1) {
                a[i] = (int)(r % 21) - 10;
                b[i] = (int)((r >> 8) % 21) - 10;
            } else {
                a[i] = (r & 1) ? 127 : -128;
                b[i] = (r & 2) ? 127 : -128;
            }
        }
        int za = (int)(draw() & 0xff) - 128;
        int zb = (int)(draw() & 0xff) - 128;
        int zo = (int)(draw() & 0xff) - 128;
        int mult = (int)(draw() & 0x7fff);
        int shift = (int)(draw() % (MAX_SHIFT + 1));
        acc_t acc = 0;
        q8_t y = 0;
        qdot(a, b, q8_t(za), q8_t(zb), q8_t(zo), mult_t(mult), shift_t(shift), &acc, &y);
        printf("case %d: za %d zb %d zo %d mult %d shift %d acc %s y %s\n", c, za, zb, zo, mult,
               shift, acc.to_string(16).c_str(), y.to_string(16).c_str());
    }
    return 0;
}
