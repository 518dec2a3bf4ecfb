// wrong: the position in the segment is taken from three bits, dropping x[3]
// Piecewise-linear activation with a programmable table (a neural-network accelerator's
// nonlinearity unit). The segments are 16 wide and aligned, so the segment number is the top
// four bits of x with the sign bit inverted (x + 128, divided by 16) and the position inside the
// segment is the low four bits: two indexed reads instead of a chain of fifteen comparisons.
module muxtree_pwl_segment (
    input  logic signed [7:0] x,
    input  logic [127:0]      offsets,
    input  logic [63:0]       slopes,
    output logic [8:0]        y
);
    logic [3:0] segment;
    logic [7:0] offset;
    logic [3:0] slope;

    assign segment = {~x[7], x[6:4]};
    assign offset  = offsets[8*segment +: 8];
    assign slope   = slopes[4*segment +: 4];
    assign y       = offset + slope * x[2:0];
endmodule
