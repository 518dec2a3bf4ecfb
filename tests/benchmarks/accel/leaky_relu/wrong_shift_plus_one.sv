// wrong: off by one in the slope, negative inputs are shifted by shift+1
module leaky_relu #(
    parameter int WIDTH = 16
) (
    input  logic signed [WIDTH-1:0] x,
    input  logic        [2:0]       shift,
    output logic signed [WIDTH-1:0] y
);
    logic [3:0] amount;
    assign amount = shift + 4'd1;
    assign y = (x < 0) ? (x >>> amount) : x;
endmodule
