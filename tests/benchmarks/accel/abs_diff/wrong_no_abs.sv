// wrong: diff is the wrapped a - b instead of its magnitude
module abs_diff #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a, b,
    output logic [WIDTH-1:0] diff,
    output logic a_lt_b
);
    assign a_lt_b = (a < b);
    assign diff = a - b;
endmodule
