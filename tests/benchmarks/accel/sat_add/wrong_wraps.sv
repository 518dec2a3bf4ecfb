// wrong: plain wrap-around addition, no saturation
module sat_add #(parameter int WIDTH = 8) (
    input  logic signed [WIDTH-1:0] a, b,
    output logic signed [WIDTH-1:0] sum,
    output logic overflow
);
    assign sum = a + b;
    assign overflow = 1'b0;
endmodule
