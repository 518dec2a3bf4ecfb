// Two-stage requantizer: y = saturate_int8(round((a * b + bias) / 16)), two cycles after the inputs.
module pipe_requant_rebalance (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               in_valid,
    input  logic signed [7:0]  a,
    input  logic signed [3:0]  b,
    input  logic signed [15:0] bias,
    output logic               out_valid,
    output logic signed [7:0]  y
);
    logic               valid_1;
    logic signed [7:0]  a_1;
    logic signed [3:0]  b_1;
    logic signed [15:0] bias_1;
    logic signed [17:0] scaled;
    logic signed [7:0]  clamped;

    always_comb begin
        scaled = (18'(a_1 * b_1) + 18'(bias_1) + 18'sd8) >>> 4;
        if (scaled > 18'sd127) clamped = 8'sd127;
        else if (scaled < -18'sd128) clamped = -8'sd128;
        else clamped = scaled[7:0];
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_1 <= 1'b0;
            a_1 <= '0;
            b_1 <= '0;
            bias_1 <= '0;
            out_valid <= 1'b0;
            y <= '0;
        end else begin
            valid_1 <= in_valid;
            out_valid <= valid_1;
            if (in_valid) begin
                a_1 <= a;
                b_1 <= b;
                bias_1 <= bias;
            end
            if (valid_1) y <= clamped;
        end
    end
endmodule
