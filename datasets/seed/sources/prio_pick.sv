// prio_pick: fixed-priority request picker, lowest index wins, one-hot grant.
//
// Purely combinational. Among the N request bits the one with the lowest
// index is granted: the grant vector has that single bit set, found by
// isolating the lowest set bit with two's-complement arithmetic
// (req & -req). The index of the granted bit is also given in binary.
// Ports: req (N bits) request vector; grant (N bits) one-hot grant, zero when
// there is no request; any high when at least one request is present; index
// ($clog2(N) bits) binary position of the granted request, 0 when none.
// Parameter N (default 8, at least 2) is the number of requesters.
// SPDX-License-Identifier: Apache-2.0
module prio_pick #(
    parameter int N = 8
) (
    input  logic [N-1:0]         req,
    output logic [N-1:0]         grant,
    output logic                 any,
    output logic [$clog2(N)-1:0] index
);
    localparam int IW = $clog2(N);

    assign grant = req & (~req + 1'b1);
    assign any   = |req;

    // OR together the positions of the (single) grant bit
    always_comb begin
        index = '0;
        for (int i = 0; i < N; i++)
            if (grant[i]) index = index | IW'(i);
    end
endmodule
