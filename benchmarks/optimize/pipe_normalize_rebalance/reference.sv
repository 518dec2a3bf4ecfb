// Two-stage normalizer of a 24-bit accumulator. The leading-one search runs in the first stage and
// its result is registered with the value; the second stage only shifts, so neither stage holds
// both the search and the shifter.
module pipe_normalize_rebalance (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        in_valid,
    input  logic [23:0] acc,
    output logic        out_valid,
    output logic        zero,
    output logic [4:0]  exponent,
    output logic [7:0]  mantissa
);
    logic        valid_1;
    logic [23:0] acc_1;
    logic        zero_1;
    logic [4:0]  lead, lead_1;
    logic [23:0] shifted;

    always_comb begin
        lead = '0;
        for (int i = 0; i < 24; i++) if (acc[i]) lead = 5'(i);
        shifted = acc_1 << (5'd23 - lead_1);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_1 <= 1'b0;
            acc_1 <= '0;
            zero_1 <= 1'b1;
            lead_1 <= '0;
            out_valid <= 1'b0;
            zero <= 1'b1;
            exponent <= '0;
            mantissa <= '0;
        end else begin
            valid_1 <= in_valid;
            acc_1 <= acc;
            zero_1 <= acc == '0;
            lead_1 <= lead;
            out_valid <= valid_1;
            zero <= zero_1;
            exponent <= lead_1;
            mantissa <= shifted[23:16];
        end
    end
endmodule
