// wrong: operands treated as unsigned, so negative sums saturate high
module sat_add #(parameter int WIDTH = 8) (
    input  logic [WIDTH-1:0] a, b,
    output logic [WIDTH-1:0] sum,
    output logic overflow
);
    logic [WIDTH:0] exact;
    assign exact = a + b;
    assign overflow = exact[WIDTH];
    assign sum = exact[WIDTH] ? {WIDTH{1'b1}} : exact[WIDTH-1:0];
endmodule
