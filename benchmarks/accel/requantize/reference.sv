module requantize (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               in_valid,
    input  logic signed [31:0] acc,
    input  logic        [15:0] mult,
    input  logic        [4:0]  shift,
    input  logic signed [7:0]  zero_point,
    output logic               out_valid,
    output logic signed [7:0]  result
);
    // 49-bit signed datapath: |acc * mult| < 2^47, plus a rounding term below 2^31.
    logic signed [48:0] product;
    logic signed [48:0] rounding;
    logic signed [48:0] rounded;
    logic signed [48:0] scaled;
    logic signed [49:0] scaled_ext, zero_ext, biased;
    logic signed [7:0]  saturated;

    assign product  = acc * $signed({1'b0, mult});
    assign rounding = (shift == 5'd0) ? 49'sd0 : (49'sd1 <<< (shift - 5'd1));
    assign rounded  = product + rounding;
    assign scaled   = rounded >>> shift;
    assign scaled_ext = {scaled[48], scaled};
    assign zero_ext   = {{42{zero_point[7]}}, zero_point};
    assign biased     = scaled_ext + zero_ext;

    assign saturated = (biased > 50'sd127)  ? 8'sd127
                     : (biased < -50'sd128) ? -8'sd128
                     : biased[7:0];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            result    <= 8'sd0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                result <= saturated;
            end
        end
    end
endmodule
