// requantizer: fixed-point requantization of a wide signed accumulator to a narrow signed output.
//
//   product = acc_in * multiplier                        (signed x unsigned, exact)
//   scaled  = (product + 2**(shift-1)) >>> shift         (shift > 0: round half up)
//           = product                                    (shift = 0)
//   value   = scaled + zero_point
//   out     = value clamped to [-2**(OUT_WIDTH-1), 2**(OUT_WIDTH-1)-1], saturated = clamped
//
// Shifts larger than IN_WIDTH+MULT_WIDTH give the same result as IN_WIDTH+MULT_WIDTH (scaled = 0),
// so every shift value is exact. One register stage: inputs sampled with in_valid on a rising
// edge appear on out_data/saturated with out_valid right after that edge; out_data and saturated
// hold while in_valid is 0. Synchronous active-low reset clears all outputs.
module requantizer #(
    parameter int IN_WIDTH    = 32,
    parameter int MULT_WIDTH  = 16,
    parameter int SHIFT_WIDTH = 6,
    parameter int OUT_WIDTH   = 8
) (
    input  logic                        clk,
    input  logic                        rst_n,
    input  logic                        in_valid,
    input  logic signed [IN_WIDTH-1:0]  acc_in,
    input  logic [MULT_WIDTH-1:0]       multiplier,
    input  logic [SHIFT_WIDTH-1:0]      shift,
    input  logic signed [OUT_WIDTH-1:0] zero_point,
    output logic                        out_valid,
    output logic signed [OUT_WIDTH-1:0] out_data,
    output logic                        saturated
);
    localparam int PW     = IN_WIDTH + MULT_WIDTH;      // |product| < 2**(PW-1)
    localparam int W      = PW + 1;                      // room for the rounding constant
    localparam int VW     = (W + 1 > OUT_WIDTH + 1) ? W + 1 : OUT_WIDTH + 1;
    localparam int MAX_SH = PW;                          // larger shifts are equivalent

    localparam logic signed [VW-1:0] OUT_MAX = {{(VW-OUT_WIDTH+1){1'b0}}, {(OUT_WIDTH-1){1'b1}}};
    localparam logic signed [VW-1:0] OUT_MIN = {{(VW-OUT_WIDTH+1){1'b1}}, {(OUT_WIDTH-1){1'b0}}};
    localparam logic signed [W-1:0]  ONE     = {{(W-1){1'b0}}, 1'b1};

    logic signed [W-1:0]        product;
    logic [31:0]                shift_amount;
    logic signed [W-1:0]        round_const;
    logic signed [W-1:0]        rounded;
    logic signed [W-1:0]        scaled;
    logic signed [VW-1:0]       value;
    logic                       too_big;
    logic                       too_small;
    logic signed [OUT_WIDTH-1:0] result;

    assign product      = W'(acc_in) * W'($signed({1'b0, multiplier}));
    assign shift_amount = (32'(shift) > MAX_SH) ? MAX_SH : 32'(shift);
    assign round_const  = (shift_amount == 0) ? '0 : (ONE <<< (shift_amount - 1));
    assign rounded      = product + round_const;
    assign scaled       = rounded >>> shift_amount;
    assign value        = VW'(scaled) + VW'(zero_point);
    assign too_big      = value > OUT_MAX;
    assign too_small    = value < OUT_MIN;
    assign result       = too_big   ? OUT_MAX[OUT_WIDTH-1:0] :
                          too_small ? OUT_MIN[OUT_WIDTH-1:0] : value[OUT_WIDTH-1:0];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            out_data  <= '0;
            saturated <= 1'b0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                out_data  <= result;
                saturated <= too_big | too_small;
            end
        end
    end
endmodule
