// Signed product of one of two operand pairs: the operands are chosen first, so one multiplier
// serves both pairs (a mux per operand costs far less than a second multiplier).
module share_one_multiplier (
    input  logic signed [5:0]  x0,
    input  logic signed [5:0]  y0,
    input  logic signed [5:0]  x1,
    input  logic signed [5:0]  y1,
    input  logic               use_pair1,
    output logic signed [11:0] product
);
    logic signed [5:0] x, y;

    assign x = use_pair1 ? x1 : x0;
    assign y = use_pair1 ? y1 : y0;
    assign product = x * y;
endmodule
