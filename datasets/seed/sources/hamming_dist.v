// hamming_dist: registered Hamming distance between two words with a threshold flag.
//
// The two W-bit inputs are XORed and the ones in the difference are counted
// by a function that adds the bits one by one (the synthesis tool builds the
// adder tree). The distance and the comparison against a threshold are
// registered, so results appear one clock after the inputs while in_valid
// is high; out_valid follows in_valid by one cycle. Ports: clk rising-edge
// clock; rst_n asynchronous active-low reset (outputs cleared); in_valid the
// inputs are meaningful; a, b (W bits) the words to compare; limit
// ($clog2(W+1) bits) largest distance still counted as close; out_valid;
// distance ($clog2(W+1) bits) number of differing bit positions; close high when
// distance <= limit. Parameter W (default 32).
// SPDX-License-Identifier: Apache-2.0
module hamming_dist #(
    parameter W = 32
) (
    input  wire                   clk,
    input  wire                   rst_n,
    input  wire                   in_valid,
    input  wire [W-1:0]           a,
    input  wire [W-1:0]           b,
    input  wire [$clog2(W+1)-1:0] limit,
    output reg                    out_valid,
    output reg  [$clog2(W+1)-1:0] distance,
    output reg                    close
);
    localparam CW = $clog2(W + 1);

    function [CW-1:0] ones;
        input [W-1:0] x;
        integer i;
        begin
            ones = {CW{1'b0}};
            for (i = 0; i < W; i = i + 1) ones = ones + {{(CW-1){1'b0}}, x[i]};
        end
    endfunction

    wire [CW-1:0] d = ones(a ^ b);

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            distance      <= {CW{1'b0}};
            close     <= 1'b0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                distance  <= d;
                close <= (d <= limit);
            end
        end
    end
endmodule
