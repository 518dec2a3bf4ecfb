// wrong: the loop stops at lane 2, lane 3 never adds its difference
// Sum of absolute differences of four pixel pairs (a motion-estimation block-matching kernel).
// One 9-bit subtraction per lane gives both the sign (its borrow) and the magnitude.
module redundant_sad4 (
    input  logic [31:0] current,
    input  logic [31:0] candidate,
    output logic [9:0]  sad
);
    logic [8:0] difference;

    always_comb begin
        sad = '0;
        for (int i = 0; i < 3; i++) begin
            difference = {1'b0, current[8*i +: 8]} - {1'b0, candidate[8*i +: 8]};
            sad = sad + 10'(difference[8] ? 8'(-difference[7:0]) : difference[7:0]);
        end
    end
endmodule
