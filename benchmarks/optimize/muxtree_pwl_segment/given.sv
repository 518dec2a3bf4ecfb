// Piecewise-linear activation with a programmable table (a neural-network accelerator's
// nonlinearity unit): sixteen segments of width 16 cover the signed 8-bit input range; segment k
// starts at -128 + 16*k, and inside a segment the output rises from the segment's offset with its
// slope.
module muxtree_pwl_segment (
    input  logic signed [7:0] x,
    input  logic [127:0]      offsets,  // sixteen unsigned 8-bit offsets, segment k in bits [8*k +: 8]
    input  logic [63:0]       slopes,   // sixteen unsigned 4-bit slopes, segment k in bits [4*k +: 4]
    output logic [8:0]        y
);
    logic signed [7:0] start;
    logic [7:0] offset;
    logic [3:0] slope;
    logic [7:0] position;  // x - start, 0..15

    always_comb begin
        if      (x < -112) begin start = -128; offset = offsets[  0 +: 8]; slope = slopes[ 0 +: 4]; end
        else if (x <  -96) begin start = -112; offset = offsets[  8 +: 8]; slope = slopes[ 4 +: 4]; end
        else if (x <  -80) begin start =  -96; offset = offsets[ 16 +: 8]; slope = slopes[ 8 +: 4]; end
        else if (x <  -64) begin start =  -80; offset = offsets[ 24 +: 8]; slope = slopes[12 +: 4]; end
        else if (x <  -48) begin start =  -64; offset = offsets[ 32 +: 8]; slope = slopes[16 +: 4]; end
        else if (x <  -32) begin start =  -48; offset = offsets[ 40 +: 8]; slope = slopes[20 +: 4]; end
        else if (x <  -16) begin start =  -32; offset = offsets[ 48 +: 8]; slope = slopes[24 +: 4]; end
        else if (x <    0) begin start =  -16; offset = offsets[ 56 +: 8]; slope = slopes[28 +: 4]; end
        else if (x <   16) begin start =    0; offset = offsets[ 64 +: 8]; slope = slopes[32 +: 4]; end
        else if (x <   32) begin start =   16; offset = offsets[ 72 +: 8]; slope = slopes[36 +: 4]; end
        else if (x <   48) begin start =   32; offset = offsets[ 80 +: 8]; slope = slopes[40 +: 4]; end
        else if (x <   64) begin start =   48; offset = offsets[ 88 +: 8]; slope = slopes[44 +: 4]; end
        else if (x <   80) begin start =   64; offset = offsets[ 96 +: 8]; slope = slopes[48 +: 4]; end
        else if (x <   96) begin start =   80; offset = offsets[104 +: 8]; slope = slopes[52 +: 4]; end
        else if (x <  112) begin start =   96; offset = offsets[112 +: 8]; slope = slopes[56 +: 4]; end
        else                begin start =  112; offset = offsets[120 +: 8]; slope = slopes[60 +: 4]; end
        position = x - start;
        y = offset + slope * position[3:0];
    end
endmodule
