// step_sat_counter: signed counter that adds a signed step each cycle and saturates at limits.
//
// The W-bit two's-complement value moves by step (a small signed number)
// whenever en is high, but never leaves the range LO..HI: a step that would
// cross a limit leaves the value at that limit. The sum is formed one bit
// wider than the value so it cannot wrap before the comparison. load writes
// load_value, also clamped into the range, and wins over en. Ports: clk
// rising-edge clock; rst synchronous active-high reset to zero; en apply the
// step; step (SW bits, signed) increment, negative to count down; load
// write load_value; load_value (W bits, signed); value (W bits, signed)
// current count; at_hi high when value equals HI; at_lo high when value
// equals LO. Parameters W (default 8), SW (default 4), LO (default -100),
// HI (default 100); LO <= 0 <= HI.
// SPDX-License-Identifier: Apache-2.0
module step_sat_counter #(
    parameter int W  = 8,
    parameter int SW = 4,
    parameter int LO = -100,
    parameter int HI = 100
) (
    input  logic                clk,
    input  logic                rst,
    input  logic                en,
    input  logic signed [SW-1:0] step,
    input  logic                load,
    input  logic signed [W-1:0] load_value,
    output logic signed [W-1:0] value,
    output logic                at_hi,
    output logic                at_lo
);
    localparam logic signed [W:0] LO_X = (W+1)'(LO);
    localparam logic signed [W:0] HI_X = (W+1)'(HI);

    logic signed [W:0] target;

    // widen both operands with their sign before adding
    assign target = load ? {load_value[W-1], load_value}
                         : {value[W-1], value} + {{(W+1-SW){step[SW-1]}}, step};

    always_ff @(posedge clk) begin
        if (rst) value <= '0;
        else if (load || en) begin
            if (target > HI_X) value <= W'(HI);
            else if (target < LO_X) value <= W'(LO);
            else value <= target[W-1:0];
        end
    end

    assign at_hi = (value == W'(HI));
    assign at_lo = (value == W'(LO));
endmodule
