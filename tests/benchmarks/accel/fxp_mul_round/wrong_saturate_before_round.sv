// wrong: range check done on the truncated product, so values that round past the limit wrap
module fxp_mul_round #(parameter int WIDTH = 16, parameter int FRAC = 12) (
    input  logic signed [WIDTH-1:0] a, b,
    output logic signed [WIDTH-1:0] result,
    output logic overflow
);
    localparam int PW = 2 * WIDTH;
    logic signed [PW-1:0] product;
    logic signed [PW:0] product_ext, rounded, truncated;
    assign product = a * b;
    assign product_ext = product;
    localparam logic signed [PW:0] HALF = 1 << (FRAC - 1);
    localparam logic signed [PW:0] HALF_LESS = (1 << (FRAC - 1)) - 1;
    assign rounded = (product_ext + (product[PW-1] ? HALF_LESS : HALF)) >>> FRAC;
    assign truncated = product_ext >>> FRAC;
    localparam logic signed [PW:0] MAX_VALUE = (1 << (WIDTH - 1)) - 1;
    localparam logic signed [PW:0] MIN_VALUE = -(1 << (WIDTH - 1));
    assign overflow = (truncated > MAX_VALUE) || (truncated < MIN_VALUE);
    assign result = (truncated > MAX_VALUE) ? {1'b0, {(WIDTH-1){1'b1}}}
                  : (truncated < MIN_VALUE) ? {1'b1, {(WIDTH-1){1'b0}}}
                  : rounded[WIDTH-1:0];
endmodule
