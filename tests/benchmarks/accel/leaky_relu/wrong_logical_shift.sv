// wrong: logical shift right fills zeros into negative values, turning them positive
module leaky_relu #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic        [2:0]       shift,
    output logic signed [WIDTH-1:0] y
);
    logic [WIDTH-1:0] ux, scaled;
    assign ux = x;
    assign scaled = ux >> shift;
    assign y = (x < 0) ? scaled : x;
endmodule
