// johnson_phases: N-stage Johnson (twisted-ring) counter with decoded one-hot phase outputs.
//
// The register shifts left each enabled cycle, feeding the inverted top bit
// back into bit 0, so it walks through 2N states (for N = 4: 0000, 0001,
// 0011, 0111, 1111, 1110, 1100, 1000). Each state is decoded into one of 2N
// phase outputs by looking at just two adjacent bits, the property that
// makes Johnson counters attractive for glitch-free decoding. A legal state
// reads, from bit 0 up, as a run of equal bits followed by a run of the
// other value (at most one change between neighbours). Any other pattern,
// possible only after an upset, would circulate in a parasitic cycle
// forever, so it is replaced by all zeros on the next enabled cycle. Ports: clk rising-edge clock;
// rst_n asynchronous active-low reset to all zeros; en advance one state;
// q (N bits) the counter; phase (2N bits) one-hot decoded state, bit k high
// in the k-th state of the sequence above. Parameter N (default 4, >= 2).
// SPDX-License-Identifier: Apache-2.0
module johnson_phases #(
    parameter N = 4
) (
    input  wire           clk,
    input  wire           rst_n,
    input  wire           en,
    output reg  [N-1:0]   q,
    output wire [2*N-1:0] phase
);
    // neighbour changes; a legal state has at most one (the vector is zero or one-hot)
    wire [N-2:0] changes = q[N-1:1] ^ q[N-2:0];
    wire         legal   = ((changes & (changes - 1'b1)) == {(N-1){1'b0}});

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) q <= {N{1'b0}};
        else if (en) q <= legal ? {q[N-2:0], ~q[N-1]} : {N{1'b0}};
    end

    genvar k;
    generate
        // first half: ones filling from the bottom; second half: zeros filling from the bottom
        assign phase[0] = ~q[N-1] & ~q[0];
        assign phase[N] = q[N-1] & q[0];
        for (k = 1; k < N; k = k + 1) begin : g_dec
            assign phase[k]     = q[k-1] & ~q[k];
            assign phase[N + k] = ~q[k-1] & q[k];
        end
    endgenerate
endmodule
