module sat_add #(
    parameter int WIDTH = 8
) (
    input  logic signed [WIDTH-1:0] a,
    input  logic signed [WIDTH-1:0] b,
    output logic signed [WIDTH-1:0] sum,
    output logic                    overflow
);
    // The exact sum needs one extra bit; its two top bits differ exactly when it is out of range.
    logic signed [WIDTH:0] exact;
    assign exact = a + b;

    logic positive_overflow, negative_overflow;
    assign positive_overflow = !exact[WIDTH] &&  exact[WIDTH-1];
    assign negative_overflow =  exact[WIDTH] && !exact[WIDTH-1];

    assign overflow = positive_overflow || negative_overflow;
    assign sum = positive_overflow ? {1'b0, {(WIDTH-1){1'b1}}}
               : negative_overflow ? {1'b1, {(WIDTH-1){1'b0}}}
               : exact[WIDTH-1:0];
endmodule
