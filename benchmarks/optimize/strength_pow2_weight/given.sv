// Four-lane multiplier of a log-quantized neural-network layer: each activation is multiplied by
// a power-of-two weight. Weight code i, bits [4*i +: 4]: bit 3 is the sign, bits 2:0 the
// exponent e, so the weight is +2^e or -2^e.
module strength_pow2_weight (
    input  logic [31:0] activations,   // four signed 8-bit values, value i in bits [8*i +: 8]
    input  logic [15:0] weight_codes,  // four 4-bit weight codes
    output logic [63:0] products       // four signed 16-bit products, product i in bits [16*i +: 16]
);
    logic signed [7:0] activation [4];
    logic signed [8:0] weight [4];

    always_comb begin
        for (int i = 0; i < 4; i++) begin
            activation[i] = activations[8*i +: 8];
            weight[i] = 9'(1) << weight_codes[4*i +: 3];
            if (weight_codes[4*i + 3]) weight[i] = -weight[i];
            products[16*i +: 16] = activation[i] * weight[i];
        end
    end
endmodule
