// Scales one of two samples by a coefficient: both products are computed, then one is chosen.
module mux_before_multiply (
    input  logic [7:0] sample_a,
    input  logic [7:0] sample_b,
    input  logic        use_b,
    input  logic [7:0] coeff,
    output logic [15:0] product
);
    logic [15:0] product_a, product_b;
    assign product_a = sample_a * coeff;
    assign product_b = sample_b * coeff;
    assign product = use_b ? product_b : product_a;
endmodule
