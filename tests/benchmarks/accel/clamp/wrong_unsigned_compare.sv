// wrong: bounds compared as unsigned numbers, so negative values look huge
module clamp #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic signed [WIDTH-1:0] lo,
    input  logic signed [WIDTH-1:0] hi,
    output logic signed [WIDTH-1:0] y,
    output logic                    clamped
);
    logic [WIDTH-1:0] ux, ulo, uhi, below_hi;
    assign ux = x;
    assign ulo = lo;
    assign uhi = hi;
    assign below_hi = (ux > uhi) ? uhi : ux;
    assign y = (below_hi < ulo) ? ulo : below_hi;
    assign clamped = (y != x);
endmodule
