// wrong: the two subtraction results are selected the wrong way round
module abs_diff #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a, b,
    output logic [WIDTH-1:0] diff,
    output logic a_lt_b
);
    assign a_lt_b = (a < b);
    assign diff = a_lt_b ? (a - b) : (b - a);
endmodule
