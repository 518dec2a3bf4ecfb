#ifndef CRC_H
#define CRC_H

#include <cstdint>

#include <ap_int.h>

// Configurable CRC engine: any width from 8 to 32 bits, any polynomial,
// initial value and final XOR, with or without bit reflection.
constexpr int CRC_MAX_LEN = 64;   // bytes per call, at most
constexpr int CRC_MIN_WIDTH = 8;
constexpr int CRC_MAX_WIDTH = 32;

typedef ap_uint<8> byte_t;    // message byte
typedef ap_uint<32> crc_t;    // polynomial, register values and result (low `width` bits)

crc_t crc(const byte_t data[CRC_MAX_LEN], int len, int width, crc_t poly, crc_t init,
          bool reflected, crc_t xorout);

#endif
