// wrong: flag is raised when x touches a bound (uses <= and >=), although y == x then
module clamp #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic signed [WIDTH-1:0] lo,
    input  logic signed [WIDTH-1:0] hi,
    output logic signed [WIDTH-1:0] y,
    output logic                    clamped
);
    logic signed [WIDTH-1:0] below_hi;
    assign below_hi = (x > hi) ? hi : x;
    assign y = (below_hi < lo) ? lo : below_hi;
    assign clamped = (x <= lo) || (x >= hi);
endmodule
