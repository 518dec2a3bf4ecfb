// accum_ovf: add/subtract accumulator with a sticky wrap flag and a sample counter.
//
// Each cycle with in_valid high the unsigned input is added to (sub low) or
// subtracted from (sub high) the W-bit accumulator, which wraps modulo 2**W.
// A carry out of an addition or a borrow of a subtraction sets the sticky
// wrapped flag, which stays set until clear. clear empties the accumulator,
// the flag and the sample count in one cycle (an input on the same cycle is
// dropped). Ports: clk rising-edge clock; rst_n asynchronous active-low
// reset; clear synchronous clear; in_valid accumulate this cycle; sub
// subtract instead of add; din (DW bits) unsigned operand; acc (W bits)
// accumulator; wrapped sticky carry/borrow flag; samples (16 bits) number of
// operations since the last clear (saturating at 65535). Parameters W
// (default 16) and DW (default 8), DW <= W.
// SPDX-License-Identifier: Apache-2.0
module accum_ovf #(
    parameter W  = 16,
    parameter DW = 8
) (
    input  wire          clk,
    input  wire          rst_n,
    input  wire          clear,
    input  wire          in_valid,
    input  wire          sub,
    input  wire [DW-1:0] din,
    output reg  [W-1:0]  acc,
    output reg           wrapped,
    output reg  [15:0]   samples
);
    wire [W:0] operand = {{(W+1-DW){1'b0}}, din};
    wire [W:0] result  = sub ? {1'b0, acc} - operand : {1'b0, acc} + operand;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            acc     <= {W{1'b0}};
            wrapped <= 1'b0;
            samples <= 16'd0;
        end else if (clear) begin
            acc     <= {W{1'b0}};
            wrapped <= 1'b0;
            samples <= 16'd0;
        end else if (in_valid) begin
            acc <= result[W-1:0];
            if (result[W]) wrapped <= 1'b1;
            if (samples != 16'hffff) samples <= samples + 16'd1;
        end
    end
endmodule
