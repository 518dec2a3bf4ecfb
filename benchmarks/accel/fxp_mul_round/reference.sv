module fxp_mul_round #(
    parameter int WIDTH = 16,
    parameter int FRAC  = 12
) (
    input  logic signed [WIDTH-1:0] a,
    input  logic signed [WIDTH-1:0] b,
    output logic signed [WIDTH-1:0] result,
    output logic                    overflow
);
    localparam int PW = 2 * WIDTH;

    // Exact product, then one guard bit so adding the rounding bias can never wrap.
    logic signed [PW-1:0] product;
    logic signed [PW:0]   product_ext;
    assign product     = a * b;
    assign product_ext = (PW+1)'(product);

    // Round half away from zero: add half for non-negative products, half minus one ulp for
    // negative ones, then floor with an arithmetic shift.
    localparam logic signed [PW:0] HALF      = 1 << (FRAC - 1);
    localparam logic signed [PW:0] HALF_LESS = (1 << (FRAC - 1)) - 1;

    logic                 negative;
    logic signed [PW:0]   biased;
    logic signed [PW:0]   rounded;
    assign negative = product[PW-1];
    assign biased   = product_ext + (negative ? HALF_LESS : HALF);
    assign rounded  = biased >>> FRAC;

    localparam logic signed [PW:0] MAX_VALUE = (1 << (WIDTH - 1)) - 1;
    localparam logic signed [PW:0] MIN_VALUE = -(1 << (WIDTH - 1));

    logic too_big, too_small;
    assign too_big   = rounded > MAX_VALUE;
    assign too_small = rounded < MIN_VALUE;

    assign overflow = too_big || too_small;
    assign result   = too_big   ? {1'b0, {(WIDTH-1){1'b1}}}
                    : too_small ? {1'b1, {(WIDTH-1){1'b0}}}
                    : rounded[WIDTH-1:0];
endmodule
