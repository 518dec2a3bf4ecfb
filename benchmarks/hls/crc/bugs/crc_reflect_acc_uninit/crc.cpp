#include "crc.h"

// Reverse the order of the lowest `bits` bits of v (1 <= bits <= 32).
static uint32_t reflect_bits(uint32_t v, int bits) {
#pragma HLS INLINE
    uint32_t r;
reflect:
    for (int i = 0; i < 32; i++) {
#pragma HLS UNROLL
        if (i < bits) {
            r |= ((v >> i) & 1u) << (bits - 1 - i);
        }
    }
    return r;
}

// Bitwise CRC, one message byte per clock: the byte is XORed into the top of
// the register and then eight shift/conditional-XOR steps follow.
crc_t crc(const byte_t data[CRC_MAX_LEN], int len, int width, crc_t poly, crc_t init,
          bool reflected, crc_t xorout) {
#pragma HLS INTERFACE mode=m_axi port=data offset=slave bundle=gmem depth=64
#pragma HLS INTERFACE mode=s_axilite port=len
#pragma HLS INTERFACE mode=s_axilite port=width
#pragma HLS INTERFACE mode=s_axilite port=poly
#pragma HLS INTERFACE mode=s_axilite port=init
#pragma HLS INTERFACE mode=s_axilite port=reflected
#pragma HLS INTERFACE mode=s_axilite port=xorout
#pragma HLS INTERFACE mode=s_axilite port=return
    // Mask of the `width` register bits and the top one among them.
    const uint32_t mask = (width == 32) ? 0xFFFFFFFFu : ((1u << width) - 1u);
    const uint32_t top = 1u << (width - 1);
    const uint32_t p = poly.to_uint() & mask;
    uint32_t reg = init.to_uint() & mask;

bytes:
    for (int n = 0; n < CRC_MAX_LEN; n++) {
#pragma HLS PIPELINE II=1
        if (n < len) {
            uint32_t b = data[n].to_uint();
            if (reflected) {
                b = reflect_bits(b, 8);
            }
            reg ^= b << (width - 8);
        bits:
            for (int k = 0; k < 8; k++) {
#pragma HLS UNROLL
                if (reg & top) {
                    reg = ((reg << 1) ^ p) & mask;
                } else {
                    reg = (reg << 1) & mask;
                }
            }
        }
    }

    if (reflected) {
        reg = reflect_bits(reg, width);
    }
    return (reg ^ xorout.to_uint()) & mask;
}
