// wrong: negative values divided by 2^shift with truncation toward zero instead of floor
module leaky_relu #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic        [2:0]       shift,
    output logic signed [WIDTH-1:0] y
);
    logic signed [WIDTH-1:0] magnitude, scaled_mag;
    assign magnitude = -x;
    assign scaled_mag = $signed($unsigned(magnitude) >> shift);
    assign y = (x < 0) ? -scaled_mag : x;
endmodule
