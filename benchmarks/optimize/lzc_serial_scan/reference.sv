// Leading-zero count of a 32-bit word as a tree: each node merges the counts of its upper and lower
// halves (the upper half's count when it holds a one, else its width plus the lower half's count),
// five levels of 2-to-1 selections instead of a 32-step scan with an adder per step.
module lzc_serial_scan (
    input  logic [31:0] value,
    output logic [5:0]  zeros
);
    // level k covers blocks of 2^(k+1) bits: an all-zero flag and the count within the block
    logic [15:0] zero_2;
    logic [15:0] count_2;
    logic [7:0]  zero_4;
    logic [1:0]  count_4 [8];
    logic [3:0]  zero_8;
    logic [2:0]  count_8 [4];
    logic [1:0]  zero_16;
    logic [3:0]  count_16 [2];

    always_comb begin
        for (int i = 0; i < 16; i++) begin
            zero_2[i] = !value[2*i+1] && !value[2*i];
            count_2[i] = !value[2*i+1];
        end
        for (int i = 0; i < 8; i++) begin
            zero_4[i] = zero_2[2*i+1] && zero_2[2*i];
            count_4[i] = zero_2[2*i+1] ? {1'b1, count_2[2*i]} : {1'b0, count_2[2*i+1]};
        end
        for (int i = 0; i < 4; i++) begin
            zero_8[i] = zero_4[2*i+1] && zero_4[2*i];
            count_8[i] = zero_4[2*i+1] ? {1'b1, count_4[2*i]} : {1'b0, count_4[2*i+1]};
        end
        for (int i = 0; i < 2; i++) begin
            zero_16[i] = zero_8[2*i+1] && zero_8[2*i];
            count_16[i] = zero_8[2*i+1] ? {1'b1, count_8[2*i]} : {1'b0, count_8[2*i+1]};
        end
        if (zero_16[1] && zero_16[0]) zeros = 6'd32;
        else if (zero_16[1]) zeros = {2'b01, count_16[0]};
        else zeros = {2'b00, count_16[1]};
    end
endmodule
