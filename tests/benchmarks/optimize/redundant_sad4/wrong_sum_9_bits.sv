// wrong: the running sum is kept in 9 bits, so sums above 511 wrap
// Sum of absolute differences of four pixel pairs (a motion-estimation block-matching kernel).
// One 9-bit subtraction per lane gives both the sign (its borrow) and the magnitude.
module redundant_sad4 (
    input  logic [31:0] current,
    input  logic [31:0] candidate,
    output logic [9:0]  sad
);
    logic [8:0] difference;
    logic [8:0] total;

    always_comb begin
        total = '0;
        for (int i = 0; i < 4; i++) begin
            difference = {1'b0, current[8*i +: 8]} - {1'b0, candidate[8*i +: 8]};
            total = total + 9'(difference[8] ? 8'(-difference[7:0]) : difference[7:0]);
        end
        sad = 10'(total);
    end
endmodule
