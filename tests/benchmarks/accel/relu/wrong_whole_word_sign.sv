// wrong: uses the sign of the whole 32-bit word and zeroes every lane at once
module relu #(
    parameter int LANES = 4
) (
    input  logic [8*LANES-1:0] x,
    output logic [8*LANES-1:0] y
);
    logic signed [8*LANES-1:0] word;
    assign word = x;
    assign y = (word < 0) ? '0 : x;
endmodule
