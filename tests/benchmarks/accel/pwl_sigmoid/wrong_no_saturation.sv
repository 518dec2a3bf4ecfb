// wrong: p = 256 is truncated to 8 bits for positive inputs, so large inputs give 0 instead of 255
module pwl_sigmoid (
    input  logic signed [15:0] x,
    output logic        [7:0]  y
);
    // Magnitude needs 17 bits: |-32768| = 32768.
    logic        negative;
    logic [16:0] extended, magnitude;
    assign negative  = x[15];
    assign extended  = {x[15], x};
    assign magnitude = negative ? (17'd0 - extended) : extended;

    // Each segment: offset + round-half-up(magnitude / 2^k).
    logic [16:0] round1, round2, round3;
    assign round1 = magnitude + 17'd32;
    assign round2 = magnitude + 17'd64;
    assign round3 = magnitude + 17'd128;

    logic [8:0] upper;  // 128..256, in units of 1/256
    assign upper = (magnitude < 17'd4096)  ? 9'd128 + 9'(round1 >> 6)
                 : (magnitude < 17'd8192)  ? 9'd160 + 9'(round2 >> 7)
                 : (magnitude < 17'd16384) ? 9'd192 + 9'(round3 >> 8)
                 : 9'd256;

    // Point symmetry for negative inputs; 1.0 saturates to 255/256 for positive inputs.
    logic [8:0] mirrored;
    assign mirrored = 9'd256 - upper;
    assign y = negative ? mirrored[7:0]
             : upper[7:0];
endmodule
