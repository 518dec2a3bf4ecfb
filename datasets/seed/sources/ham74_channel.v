// ham74_enc: Hamming(7,4) encoder.
//
// Ports: d (4 bits) data nibble; code (7 bits) codeword in classic position
// order, bit i holding position i+1: p1 p2 d0 p4 d1 d2 d3, where each parity
// bit covers the positions whose index has that bit set.
// SPDX-License-Identifier: Apache-2.0
module ham74_enc (
    input  wire [3:0] d,
    output wire [6:0] code
);
    wire p1 = d[0] ^ d[1] ^ d[3];   // positions 3, 5, 7
    wire p2 = d[0] ^ d[2] ^ d[3];   // positions 3, 6, 7
    wire p4 = d[1] ^ d[2] ^ d[3];   // positions 5, 6, 7

    assign code = {d[3], d[2], d[1], p4, d[0], p2, p1};
endmodule

// ham74_dec: Hamming(7,4) decoder that corrects any single-bit error.
//
// The three-bit syndrome is the XOR of the positions of all set bits; it is
// zero for a valid codeword and otherwise names the flipped position; a data
// bit at that position is inverted on its way out. Ports: code (7 bits)
// received codeword in the ham74_enc order; d (4 bits) corrected data;
// syndrome (3 bits) position of the corrected bit (0 when none); corrected
// high when a bit was flipped back.
module ham74_dec (
    input  wire [6:0] code,
    output wire [3:0] d,
    output wire [2:0] syndrome,
    output wire       corrected
);
    assign syndrome[0] = code[0] ^ code[2] ^ code[4] ^ code[6];
    assign syndrome[1] = code[1] ^ code[2] ^ code[5] ^ code[6];
    assign syndrome[2] = code[3] ^ code[4] ^ code[5] ^ code[6];
    assign corrected   = (syndrome != 3'd0);
    // a data bit is flipped back when the syndrome names its position (3, 5, 6 or 7)
    assign d[0]        = code[2] ^ (syndrome == 3'd3);
    assign d[1]        = code[4] ^ (syndrome == 3'd5);
    assign d[2]        = code[5] ^ (syndrome == 3'd6);
    assign d[3]        = code[6] ^ (syndrome == 3'd7);
endmodule

// ham74_channel: registered Hamming(7,4) link with error injection between encoder and decoder.
//
// A nibble is encoded with ham74_enc, the codeword is XORed with an error
// mask (modelling a noisy channel) and registered, then decoded with
// ham74_dec. With at most one bit set in the mask the original nibble comes
// out one cycle later. Ports: clk rising-edge clock; rst_n asynchronous
// active-low reset; in_valid a nibble is presented; din (4 bits) data
// nibble; flip (7 bits) error mask applied to the codeword; out_valid
// in_valid delayed by one cycle; dout (4 bits) decoded nibble; fixed_bit
// high when the decoder corrected an error; err_pos (3 bits) codeword
// position (1-7) of the corrected bit, 0 when none; line (7 bits) the
// registered (possibly corrupted) codeword.
module ham74_channel (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       in_valid,
    input  wire [3:0] din,
    input  wire [6:0] flip,
    output reg        out_valid,
    output wire [3:0] dout,
    output wire       fixed_bit,
    output wire [2:0] err_pos,
    output reg  [6:0] line
);
    wire [6:0] code;

    ham74_enc u_enc (.d(din), .code(code));

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            line      <= 7'd0;
            out_valid <= 1'b0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) line <= code ^ flip;
        end
    end

    ham74_dec u_dec (.code(line), .d(dout), .syndrome(err_pos), .corrected(fixed_bit));
endmodule
