#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "crc.h"

// xorshift32 generator, seeded from the command line.
static uint32_t rng_state = 1;

static uint32_t next_rand() {
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

int main(int argc, char **argv) {
    unsigned long seed = (argc > 1) ? strtoul(argv[1], nullptr, 10) : 1;
    rng_state = (uint32_t)(seed * 2654435761u) ^ 0xc2b2ae35u;
    if (rng_state == 0) rng_state = 1;

    static const int common[4] = {8, 16, 24, 32};
    for (int c = 0; c < 48; c++) {
        byte_t data[CRC_MAX_LEN];
        int width = (c % 2 == 0) ? common[(c / 2) % 4]
                                 : CRC_MIN_WIDTH + (int)(next_rand() % (CRC_MAX_WIDTH - CRC_MIN_WIDTH + 1));
        uint32_t poly = next_rand() | 1u;
        uint32_t init = (c % 3 == 0) ? 0xFFFFFFFFu : next_rand();
        bool reflected = (next_rand() & 1) != 0;
        uint32_t xorout = (c % 5 == 0) ? 0u : next_rand();
        int len = (c % 8 == 7) ? CRC_MAX_LEN : (int)(next_rand() % (CRC_MAX_LEN + 1));
        for (int n = 0; n < CRC_MAX_LEN; n++) data[n] = next_rand() & 0xff;
        crc_t r = crc(data, len, width, poly, init, reflected, xorout);
        printf("case %d: width=%d len=%d refl=%d crc=%s\n", c, width, len, reflected ? 1 : 0,
               r.to_string(16).c_str());
    }
    return 0;
}
