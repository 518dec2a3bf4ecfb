module abs_diff #(
    parameter int WIDTH = 8
) (
    input  logic [WIDTH-1:0] a,
    input  logic [WIDTH-1:0] b,
    output logic [WIDTH-1:0] diff,
    output logic             a_lt_b
);
    // Subtract with one extra bit: the borrow out of a - b is exactly "a < b".
    logic [WIDTH:0] a_minus_b;
    assign a_minus_b = {1'b0, a} - {1'b0, b};

    assign a_lt_b = a_minus_b[WIDTH];
    assign diff   = a_lt_b ? (b - a) : a_minus_b[WIDTH-1:0];
endmodule
