// word_parity: per-byte and whole-word parity generator with selectable even/odd sense.
//
// For a word of NB bytes, one parity bit is produced per byte and one for the
// whole word. With odd_mode low the parity is even: the bit is the XOR of the
// data bits, so data plus parity has an even number of ones. With odd_mode
// high every parity bit is inverted (odd parity). The block also checks a
// received set of byte parities: err_lanes marks every byte whose received
// parity bit disagrees with the recomputed one. Ports: data (8*NB bits) the
// word; odd_mode select odd parity; byte_par (NB bits) parity of each byte,
// bit i for data[8*i+7:8*i]; word_par parity of all bits; rx_par (NB bits)
// received byte parities to check; err_lanes (NB bits) lanes that mismatch;
// any_err high when any lane mismatches. Parameter NB (default 4). No clock.
// SPDX-License-Identifier: Apache-2.0
module word_parity #(
    parameter NB = 4
) (
    input  wire [8*NB-1:0] data,
    input  wire            odd_mode,
    output wire [NB-1:0]   byte_par,
    output wire            word_par,
    input  wire [NB-1:0]   rx_par,
    output wire [NB-1:0]   err_lanes,
    output wire            any_err
);
    genvar i;
    generate
        for (i = 0; i < NB; i = i + 1) begin : g_lane
            assign byte_par[i] = (^data[8*i +: 8]) ^ odd_mode;
        end
    endgenerate

    assign word_par  = (^data) ^ odd_mode;
    assign err_lanes = rx_par ^ byte_par;
    assign any_err   = |err_lanes;
endmodule
