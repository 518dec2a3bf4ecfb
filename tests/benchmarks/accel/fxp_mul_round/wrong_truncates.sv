// wrong: drops the fractional bits with an arithmetic shift (floor) instead of rounding
module fxp_mul_round #(parameter int WIDTH = 16, parameter int FRAC = 12) (
    input  logic signed [WIDTH-1:0] a, b,
    output logic signed [WIDTH-1:0] result,
    output logic overflow
);
    localparam int PW = 2 * WIDTH;
    logic signed [PW-1:0] product, shifted;
    assign product = a * b;
    assign shifted = product >>> FRAC;
    localparam logic signed [PW-1:0] MAX_VALUE = (1 << (WIDTH - 1)) - 1;
    localparam logic signed [PW-1:0] MIN_VALUE = -(1 << (WIDTH - 1));
    assign overflow = (shifted > MAX_VALUE) || (shifted < MIN_VALUE);
    assign result = (shifted > MAX_VALUE) ? {1'b0, {(WIDTH-1){1'b1}}}
                  : (shifted < MIN_VALUE) ? {1'b1, {(WIDTH-1){1'b0}}}
                  : shifted[WIDTH-1:0];
endmodule
