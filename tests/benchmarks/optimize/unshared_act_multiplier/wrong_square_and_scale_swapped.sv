// wrong: the square and scale functions are swapped in the factor select
// Selectable activation / scaling stage of a neural-network accelerator's output pipeline.
// Every function is x times a factor (16 for the identity), so one multiplier serves them all.
module unshared_act_multiplier (
    input  logic signed [7:0]  x,
    input  logic        [1:0]  func,
    input  logic        [3:0]  alpha,
    input  logic signed [7:0]  gain,
    output logic signed [15:0] y
);
    logic signed [7:0] factor;

    always_comb begin
        case (func)
            2'd0:    factor = 8'sd16;
            2'd1:    factor = (x < 0) ? $signed({4'b0, alpha}) : 8'sd16;
            2'd2:    factor = gain;
            default: factor = x;
        endcase
    end

    assign y = x * factor;
endmodule
