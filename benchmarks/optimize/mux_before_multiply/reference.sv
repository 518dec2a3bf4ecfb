// Scales one of two samples by a coefficient: the sample is chosen first, so one multiplier serves both.
module mux_before_multiply (
    input  logic [7:0] sample_a,
    input  logic [7:0] sample_b,
    input  logic        use_b,
    input  logic [7:0] coeff,
    output logic [15:0] product
);
    logic [7:0] chosen;
    assign chosen = use_b ? sample_b : sample_a;
    assign product = chosen * coeff;
endmodule
