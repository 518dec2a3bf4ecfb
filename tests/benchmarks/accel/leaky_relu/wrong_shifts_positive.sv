// wrong: the shift is applied to every input, also the non-negative ones
module leaky_relu #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic        [2:0]       shift,
    output logic signed [WIDTH-1:0] y
);
    assign y = x >>> shift;
endmodule
