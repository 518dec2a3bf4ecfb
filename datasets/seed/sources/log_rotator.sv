// log_rotator: logarithmic barrel rotator (left or right) with a mask of wrapped bits.
//
// The W-bit input is rotated by amt positions in $clog2(W) stages; stage k
// rotates by 2**k when bit k of amt is set. Rotating right by amt is done by
// rotating left by W - amt, so both directions share the same stages. W must
// be a power of two. The wrapped output marks which result bits came around
// the end of the word (useful for building shifts from a rotator). Ports:
// din (W bits) input word; amt ($clog2(W) bits) rotate distance; right high
// to rotate toward bit 0, low to rotate toward the MSB; dout (W bits)
// rotated word; wrapped (W bits) one for each output bit that wrapped. No
// clock. Parameter W (default 16).
// SPDX-License-Identifier: Apache-2.0
module log_rotator #(
    parameter int W = 16
) (
    input  logic [W-1:0]         din,
    input  logic [$clog2(W)-1:0] amt,
    input  logic                 right,
    output logic [W-1:0]         dout,
    output logic [W-1:0]         wrapped
);
    localparam int S = $clog2(W);

    logic [S-1:0] left_amt;
    logic [S:0][W-1:0] stage;
    logic [W-1:0] ones_low;

    // a right rotation by r equals a left rotation by W - r (mod W)
    assign left_amt = right ? S'(0) - amt : amt;
    assign stage[0] = din;

    for (genvar k = 0; k < S; k++) begin : g_stage
        assign stage[k+1] = left_amt[k] ? {stage[k][W-1-(1<<k):0], stage[k][W-1:W-(1<<k)]} : stage[k];
    end

    assign dout = stage[S];
    // after a left rotation by n the n lowest bits wrapped; after a right rotation the amt highest
    assign ones_low = ~({W{1'b1}} << left_amt);
    assign wrapped  = right ? ~ones_low & {W{amt != '0}} : ones_low;
endmodule
