// wrong: sub computes b - a instead of a - b
module vector_alu #(
    parameter int LANES  = 4,
    parameter int LANE_W = 8
) (
    input  logic                      clk,
    input  logic                      rst_n,
    input  logic                      in_valid,
    input  logic [2:0]                op,
    input  logic [LANES*LANE_W-1:0]   a,
    input  logic [LANES*LANE_W-1:0]   b,
    output logic                      out_valid,
    output logic [LANES*LANE_W-1:0]   result
);
    localparam logic [2:0] OP_ADD  = 3'd0;
    localparam logic [2:0] OP_SUB  = 3'd1;
    localparam logic [2:0] OP_MAX  = 3'd2;
    localparam logic [2:0] OP_MIN  = 3'd3;
    localparam logic [2:0] OP_AND  = 3'd4;
    localparam logic [2:0] OP_OR   = 3'd5;
    localparam logic [2:0] OP_XOR  = 3'd6;

    localparam logic signed [LANE_W-1:0] LANE_MAX = {1'b0, {(LANE_W-1){1'b1}}};
    localparam logic signed [LANE_W-1:0] LANE_MIN = {1'b1, {(LANE_W-1){1'b0}}};

    logic [LANES*LANE_W-1:0] next_result;

    for (genvar i = 0; i < LANES; i++) begin : g_lane
        logic signed [LANE_W-1:0] x, y;
        logic signed [LANE_W:0]   wide_sum;
        logic [LANE_W-1:0]        sum, diff, larger, smaller, saturated, lane_result;
        logic                     x_less;

        assign x        = a[i*LANE_W +: LANE_W];
        assign y        = b[i*LANE_W +: LANE_W];
        assign wide_sum = x + y;  // signed, one extra bit: the exact sum
        assign sum      = x + y;
        assign diff     = y - x;
        assign x_less   = x < y;  // both signed
        assign larger   = x_less ? y : x;
        assign smaller  = x_less ? x : y;

        // The exact sum is out of range exactly when its two top bits differ.
        assign saturated = (wide_sum[LANE_W] == wide_sum[LANE_W-1]) ? wide_sum[LANE_W-1:0]
                         : (wide_sum[LANE_W] ? LANE_MIN : LANE_MAX);

        always_comb begin
            case (op)
                OP_ADD:  lane_result = sum;
                OP_SUB:  lane_result = diff;
                OP_MAX:  lane_result = larger;
                OP_MIN:  lane_result = smaller;
                OP_AND:  lane_result = x & y;
                OP_OR:   lane_result = x | y;
                OP_XOR:  lane_result = x ^ y;
                default: lane_result = saturated;
            endcase
        end

        assign next_result[i*LANE_W +: LANE_W] = lane_result;
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            result    <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                result <= next_result;
            end
        end
    end
endmodule
