// Leading-zero count of a 32-bit word (the shift amount of a block-floating-point normalizer).
module lzc_serial_scan (
    input  logic [31:0] value,
    output logic [5:0]  zeros
);
    always_comb begin
        logic seen_one;
        seen_one = 1'b0;
        zeros = '0;
        for (int i = 31; i >= 0; i--) begin
            if (value[i]) seen_one = 1'b1;
            else if (!seen_one) zeros = zeros + 6'd1;
        end
    end
endmodule
