// Signed product of one of two operand pairs: both products are formed, then one is chosen.
module share_one_multiplier (
    input  logic signed [5:0]  x0,
    input  logic signed [5:0]  y0,
    input  logic signed [5:0]  x1,
    input  logic signed [5:0]  y1,
    input  logic               use_pair1,
    output logic signed [11:0] product
);
    logic signed [11:0] product0, product1;

    assign product0 = x0 * y0;
    assign product1 = x1 * y1;
    assign product = use_pair1 ? product1 : product0;
endmodule
