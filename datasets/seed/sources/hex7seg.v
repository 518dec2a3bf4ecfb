// hex7seg: hexadecimal digit to seven-segment pattern decoder with blanking and polarity option.
//
// Maps a 4-bit value to the segments a..g of a common seven-segment display
// showing 0-9 and A, b, C, d, E, F. Segment a is bit 0 of seg and g is bit 6
// (a top, b upper right, c lower right, d bottom, e lower left, f upper left,
// g middle). blank turns every segment and the decimal point off. The
// decimal point is passed through from dp_in. When ACTIVE_LOW is 1 every
// output is inverted for common-anode displays. Ports: hex (4 bits) value to
// show; blank switch the digit off; dp_in decimal point request; seg (7 bits)
// segment drives; dp decimal point drive. Parameter ACTIVE_LOW (default 0).
// Purely combinational.
// SPDX-License-Identifier: Apache-2.0
module hex7seg #(
    parameter ACTIVE_LOW = 0
) (
    input  wire [3:0] hex,
    input  wire       blank,
    input  wire       dp_in,
    output wire [6:0] seg,
    output wire       dp
);
    reg [6:0] lit;   // gfedcba, one = segment on

    always @* begin
        case (hex)
            4'h0: lit = 7'b0111111;
            4'h1: lit = 7'b0000110;
            4'h2: lit = 7'b1011011;
            4'h3: lit = 7'b1001111;
            4'h4: lit = 7'b1100110;
            4'h5: lit = 7'b1101101;
            4'h6: lit = 7'b1111101;
            4'h7: lit = 7'b0000111;
            4'h8: lit = 7'b1111111;
            4'h9: lit = 7'b1101111;
            4'hA: lit = 7'b1110111;
            4'hB: lit = 7'b1111100;
            4'hC: lit = 7'b0111001;
            4'hD: lit = 7'b1011110;
            4'hE: lit = 7'b1111001;
            default: lit = 7'b1110001;
        endcase
    end

    wire [6:0] on_seg = blank ? 7'b0000000 : lit;
    wire       on_dp  = dp_in && !blank;

    assign seg = ACTIVE_LOW ? ~on_seg : on_seg;
    assign dp  = ACTIVE_LOW ? ~on_dp : on_dp;
endmodule
