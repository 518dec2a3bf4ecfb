// wrong: limits from below first, so the upper bound wins when lo > hi
module clamp #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic signed [WIDTH-1:0] lo,
    input  logic signed [WIDTH-1:0] hi,
    output logic signed [WIDTH-1:0] y,
    output logic                    clamped
);
    logic signed [WIDTH-1:0] above_lo;
    assign above_lo = (x < lo) ? lo : x;
    assign y = (above_lo > hi) ? hi : above_lo;
    assign clamped = (y != x);
endmodule
