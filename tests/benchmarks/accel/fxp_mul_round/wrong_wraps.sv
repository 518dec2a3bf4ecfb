// wrong: rounds correctly but never saturates, the result wraps and overflow stays 0
module fxp_mul_round #(parameter int WIDTH = 16, parameter int FRAC = 12) (
    input  logic signed [WIDTH-1:0] a, b,
    output logic signed [WIDTH-1:0] result,
    output logic overflow
);
    localparam int PW = 2 * WIDTH;
    logic signed [PW-1:0] product;
    logic signed [PW:0] product_ext, rounded;
    assign product = a * b;
    assign product_ext = product;
    localparam logic signed [PW:0] HALF = 1 << (FRAC - 1);
    localparam logic signed [PW:0] HALF_LESS = (1 << (FRAC - 1)) - 1;
    assign rounded = (product_ext + (product[PW-1] ? HALF_LESS : HALF)) >>> FRAC;
    assign overflow = 1'b0;
    assign result = rounded[WIDTH-1:0];
endmodule
