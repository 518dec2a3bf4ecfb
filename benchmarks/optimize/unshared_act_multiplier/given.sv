// Selectable activation / scaling stage of a neural-network accelerator's output pipeline.
// Results are in Q4 (four fraction bits) relative to the integer input x.
module unshared_act_multiplier (
    input  logic signed [7:0]  x,
    input  logic        [1:0]  func,   // 0 identity, 1 leaky ReLU, 2 square, 3 scale by gain
    input  logic        [3:0]  alpha,  // leaky ReLU's negative slope, in sixteenths
    input  logic signed [7:0]  gain,   // scale factor, in sixteenths
    output logic signed [15:0] y
);
    logic signed [15:0] identity, leaky, squared, scaled;

    assign identity = 16'(x) <<< 4;
    assign leaky    = (x < 0) ? x * $signed({1'b0, alpha}) : identity;
    assign squared  = x * x;
    assign scaled   = x * gain;

    always_comb begin
        case (func)
            2'd0:    y = identity;
            2'd1:    y = leaky;
            2'd2:    y = squared;
            default: y = scaled;
        endcase
    end
endmodule
