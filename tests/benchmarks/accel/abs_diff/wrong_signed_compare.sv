// wrong: operands compared as signed numbers, so values with the top bit set look negative
module abs_diff #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a, b,
    output logic [WIDTH-1:0] diff,
    output logic a_lt_b
);
    assign a_lt_b = ($signed(a) < $signed(b));
    assign diff = a_lt_b ? (b - a) : (a - b);
endmodule
