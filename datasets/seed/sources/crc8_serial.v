// crc8_serial: bit-serial CRC-8 generator/checker (polynomial x^8+x^2+x+1, MSB first).
//
// One message bit enters per cycle while bit_valid is high, most significant
// bit of each byte first. The 8-bit remainder register shifts left; its top
// bit XOR the incoming bit decides whether the polynomial 0x07 is XORed in.
// With init value 0x00 and no final XOR this is the common CRC-8 (check value
// 0xF4 for the ASCII string "123456789"). Feeding a message followed by its
// CRC byte leaves a zero remainder, which is_zero reports. Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset (remainder = INIT);
// start synchronous restart to INIT (the bit on the same cycle is ignored);
// bit_valid bit_in is part of the message this cycle; bit_in the message
// bit; crc (8 bits) the running remainder; is_zero high when crc is zero.
// Parameter INIT (default 8'h00) is the start value.
// SPDX-License-Identifier: Apache-2.0
module crc8_serial #(
    parameter [7:0] INIT = 8'h00
) (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       start,
    input  wire       bit_valid,
    input  wire       bit_in,
    output reg  [7:0] crc,
    output wire       is_zero
);
    wire feedback = crc[7] ^ bit_in;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) crc <= INIT;
        else if (start) crc <= INIT;
        else if (bit_valid) crc <= {crc[6:0], 1'b0} ^ (feedback ? 8'h07 : 8'h00);
    end

    assign is_zero = (crc == 8'h00);
endmodule
