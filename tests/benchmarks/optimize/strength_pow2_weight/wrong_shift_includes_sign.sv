// wrong: the shift amount takes all four code bits, the sign bit included
// Four-lane multiplier of a log-quantized neural-network layer: each activation is multiplied by
// a power-of-two weight, which is a shift by the exponent and a negation when the sign is set.
module strength_pow2_weight (
    input  logic [31:0] activations,
    input  logic [15:0] weight_codes,
    output logic [63:0] products
);
    logic signed [15:0] shifted;

    always_comb begin
        for (int i = 0; i < 4; i++) begin
            shifted = {{8{activations[8*i + 7]}}, activations[8*i +: 8]} <<< weight_codes[4*i +: 4];
            products[16*i +: 16] = weight_codes[4*i + 3] ? -shifted : shifted;
        end
    end
endmodule
