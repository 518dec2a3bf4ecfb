// wrong: positive saturation value is one below the true maximum
module sat_add #(parameter int WIDTH = 8) (
    input  logic signed [WIDTH-1:0] a, b,
    output logic signed [WIDTH-1:0] sum,
    output logic overflow
);
    logic signed [WIDTH:0] exact;
    assign exact = a + b;
    assign overflow = exact[WIDTH] != exact[WIDTH-1];
    assign sum = (!exact[WIDTH] && exact[WIDTH-1]) ? {1'b0, {(WIDTH-2){1'b1}}, 1'b0}
               : (exact[WIDTH] && !exact[WIDTH-1]) ? {1'b1, {(WIDTH-1){1'b0}}}
               : exact[WIDTH-1:0];
endmodule
