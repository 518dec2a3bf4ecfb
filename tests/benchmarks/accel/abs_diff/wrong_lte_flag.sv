// wrong: flag uses a <= b, so it is also set when the operands are equal
module abs_diff #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a, b,
    output logic [WIDTH-1:0] diff,
    output logic a_lt_b
);
    assign a_lt_b = (a <= b);
    assign diff = (a < b) ? (b - a) : (a - b);
endmodule
