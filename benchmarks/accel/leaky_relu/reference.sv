module leaky_relu #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic        [2:0]       shift,
    output logic signed [WIDTH-1:0] y
);
    // An arithmetic shift of a signed operand floors negative values.
    logic signed [WIDTH-1:0] scaled;
    assign scaled = x >>> shift;
    assign y = (x < 0) ? scaled : x;
endmodule
