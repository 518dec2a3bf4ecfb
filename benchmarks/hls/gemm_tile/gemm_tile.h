#ifndef GEMM_TILE_H
#define GEMM_TILE_H

#include <ap_int.h>

// One output tile of a matrix product: C[TM][TN] = A[TM][TK] * B[TK][TN].
constexpr int TM = 8;          // rows of the tile
constexpr int TN = 8;          // columns of the tile
constexpr int TK = 32;         // shared (reduction) dimension
constexpr int KC = 8;          // reduction chunk held on chip at a time
constexpr int NCHUNK = TK / KC;

typedef ap_int<8> data_t;      // signed 8-bit operands
typedef ap_int<24> acc_t;      // 32 products of 8x8 bits fit with room to spare

void gemm_tile(const data_t A[TM][TK], const data_t B[TK][TN], acc_t C[TM][TN]);

#endif
