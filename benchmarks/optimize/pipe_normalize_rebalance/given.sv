// Two-stage normalizer of a 24-bit accumulator into an 8-bit mantissa and the position of its
// leading one (the exponent), two cycles after the input.
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
    logic [4:0]  lead;
    logic [23:0] shifted;

    always_comb begin
        lead = '0;
        for (int i = 0; i < 24; i++) if (acc_1[i]) lead = 5'(i);
        shifted = acc_1 << (5'd23 - lead);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_1 <= 1'b0;
            acc_1 <= '0;
            out_valid <= 1'b0;
            zero <= 1'b1;
            exponent <= '0;
            mantissa <= '0;
        end else begin
            valid_1 <= in_valid;
            acc_1 <= acc;
            out_valid <= valid_1;
            zero <= acc_1 == '0;
            exponent <= lead;
            mantissa <= shifted[23:16];
        end
    end
endmodule
