module clamp #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic signed [WIDTH-1:0] lo,
    input  logic signed [WIDTH-1:0] hi,
    output logic signed [WIDTH-1:0] y,
    output logic                    clamped
);
    // Limit from above first, then from below: the lower bound wins for an empty range.
    logic signed [WIDTH-1:0] below_hi;
    assign below_hi = (x > hi) ? hi : x;
    assign y = (below_hi < lo) ? lo : below_hi;
    assign clamped = (y != x);
endmodule
