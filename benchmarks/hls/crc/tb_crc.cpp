#include <cstdint>
#include <cstdio>
#include <cstring>

#include "crc.h"

// Reference models on 64-bit integers, one message bit at a time.
static uint64_t ref_reflect(uint64_t v, int bits) {
    uint64_t r = 0;
    for (int i = 0; i < bits; i++) {
        if ((v >> i) & 1) r |= uint64_t(1) << (bits - 1 - i);
    }
    return r;
}

static uint64_t ref_crc(const uint8_t *msg, int len, int w, uint64_t poly, uint64_t init,
                        bool refl, uint64_t xorout) {
    const uint64_t mask = (uint64_t(1) << w) - 1;
    poly &= mask;
    if (!refl) {
        // Feed bits MSB first: the outgoing top bit, XOR the message bit, decides.
        uint64_t reg = init & mask;
        for (int n = 0; n < len; n++) {
            for (int k = 7; k >= 0; k--) {
                uint64_t fb = ((reg >> (w - 1)) & 1) ^ ((msg[n] >> k) & 1);
                reg = (reg << 1) & mask;
                if (fb) reg ^= poly;
            }
        }
        return (reg ^ xorout) & mask;
    }
    // Reflected form: shift right with the mirrored polynomial, LSB of each byte first.
    const uint64_t rpoly = ref_reflect(poly, w);
    uint64_t reg = ref_reflect(init & mask, w);
    for (int n = 0; n < len; n++) {
        reg ^= msg[n];
        for (int k = 0; k < 8; k++) reg = (reg & 1) ? ((reg >> 1) ^ rpoly) : (reg >> 1);
    }
    return (reg ^ xorout) & mask;
}

static int errors = 0;
static int printed = 0;

static void check(const char *name, const uint8_t *msg, int len, int w, uint64_t poly,
                  uint64_t init, bool refl, uint64_t xorout, long long known) {
    byte_t buf[CRC_MAX_LEN];
    for (int n = 0; n < CRC_MAX_LEN; n++) buf[n] = (n < len) ? msg[n] : (uint8_t)(0xA5 ^ n);
    uint64_t expect = ref_crc(msg, len, w, poly, init, refl, xorout);
    if (known >= 0 && (uint64_t)known != expect) {
        printf("REFERENCE MODEL DISAGREES WITH CATALOGUE for %s\n", name);
        errors++;
    }
    crc_t got = crc(buf, len, w, (uint32_t)poly, (uint32_t)init, refl, (uint32_t)xorout);
    if (got.to_uint64() != expect) {
        errors++;
        if (printed < 30) {
            printed++;
            printf("MISMATCH %s len=%d width=%d got=0x%llx expected=0x%llx\n", name, len, w,
                   (unsigned long long)got.to_uint64(), (unsigned long long)expect);
        }
    }
}

int main() {
    const uint8_t *chk = (const uint8_t *)"123456789";

    // 1. Catalogue check values for the message "123456789".
    check("crc32", chk, 9, 32, 0x04C11DB7, 0xFFFFFFFF, true, 0xFFFFFFFF, 0xCBF43926);
    check("crc32c", chk, 9, 32, 0x1EDC6F41, 0xFFFFFFFF, true, 0xFFFFFFFF, 0xE3069283);
    check("crc32_mpeg2", chk, 9, 32, 0x04C11DB7, 0xFFFFFFFF, false, 0, 0x0376E6E7);
    check("crc24_openpgp", chk, 9, 24, 0x864CFB, 0xB704CE, false, 0, 0x21CF02);
    check("crc16_ccitt_false", chk, 9, 16, 0x1021, 0xFFFF, false, 0, 0x29B1);
    check("crc16_arc", chk, 9, 16, 0x8005, 0, true, 0, 0xBB3D);
    check("crc16_kermit", chk, 9, 16, 0x1021, 0, true, 0, 0x2189);
    check("crc8", chk, 9, 8, 0x07, 0, false, 0, 0xF4);

    // 2. Empty message: only the initial value and the final XOR matter.
    check("empty_plain", chk, 0, 16, 0x1021, 0x1234, false, 0x00FF, -1);
    check("empty_refl", chk, 0, 32, 0x04C11DB7, 0x12345678, true, 0, -1);

    // 3. Messages of every length from a fixed LCG, several configurations,
    //    including odd widths and a non-symmetric initial value.
    struct Cfg {
        int w;
        uint64_t poly, init;
        bool refl;
        uint64_t xorout;
    };
    static const Cfg cfgs[] = {
        {32, 0x04C11DB7, 0xFFFFFFFF, true, 0xFFFFFFFF},
        {32, 0x814141AB, 0x89ABCDEF, false, 0x0F0F0F0F},
        {16, 0x8005, 0xC0DE, true, 0},
        {12, 0x80F, 0x123, false, 0xFFF},
        {17, 0x1685B, 0x1ACE1, true, 0x00001},
        {31, 0x4C11DB7, 0x7FFF0000, false, 0},
        {8, 0x31, 0xFF, true, 0x5A},
    };
    uint8_t msg[CRC_MAX_LEN];
    uint32_t state = 31337u;
    char name[32];
    for (int c = 0; c < (int)(sizeof cfgs / sizeof cfgs[0]); c++) {
        for (int len = 0; len <= CRC_MAX_LEN; len += (len < 8) ? 1 : 7) {
            for (int n = 0; n < len; n++) {
                state = state * 1664525u + 1013904223u;
                msg[n] = (uint8_t)(state >> 24);
            }
            snprintf(name, sizeof name, "cfg%d", c);
            check(name, msg, len, cfgs[c].w, cfgs[c].poly, cfgs[c].init, cfgs[c].refl,
                  cfgs[c].xorout, -1);
        }
        // Full-length message.
        for (int n = 0; n < CRC_MAX_LEN; n++) msg[n] = (uint8_t)(n * 37 + c);
        snprintf(name, sizeof name, "cfg%d_full", c);
        check(name, msg, CRC_MAX_LEN, cfgs[c].w, cfgs[c].poly, cfgs[c].init, cfgs[c].refl,
              cfgs[c].xorout, -1);
    }

    if (errors != 0) {
        printf("FAIL: %d mismatches\n", errors);
        return 1;
    }
    printf("PASS\n");
    return 0;
}
