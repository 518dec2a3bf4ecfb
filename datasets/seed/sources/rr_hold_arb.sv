// rr_hold_arb: round-robin arbiter whose grant is held until the owner drops its request.
//
// A registered one-hot grant is given to one requester at a time. The owner
// keeps the grant for as long as it holds its request (a locked burst); when
// it releases the request, or when nothing is granted, a new owner is chosen
// in round-robin order starting just after the previous owner. The choice
// uses two fixed-priority pickers (prio_pick): one over the requests above
// the previous owner's position, one over all requests as a fallback when
// none is above. Ports: clk rising-edge clock; rst_n asynchronous active-low
// reset (no grant, next search starts at requester 0); req (N bits) request
// vector; grant (N bits) registered one-hot grant; busy high while a grant
// is held; owner ($clog2(N) bits) index of the current or last owner.
// Parameter N (default 4) is the number of requesters.
// SPDX-License-Identifier: Apache-2.0
module rr_hold_arb #(
    parameter int N = 4
) (
    input  logic                 clk,
    input  logic                 rst_n,
    input  logic [N-1:0]         req,
    output logic [N-1:0]         grant,
    output logic                 busy,
    output logic [$clog2(N)-1:0] owner
);
    localparam int IW = $clog2(N);

    logic [N-1:0]  above_mask;   // positions strictly above the last owner
    logic [N-1:0]  hi_grant, lo_grant;
    logic          hi_any, lo_any;
    logic [IW-1:0] hi_index, lo_index;
    logic          keep;

    always_comb begin
        for (int i = 0; i < N; i++) above_mask[i] = (i > int'(owner));
    end

    prio_pick #(.N(N)) u_hi (.req(req & above_mask), .grant(hi_grant), .any(hi_any), .index(hi_index));
    prio_pick #(.N(N)) u_lo (.req(req), .grant(lo_grant), .any(lo_any), .index(lo_index));

    assign keep = busy && ((req & grant) != '0);

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            grant <= '0;
            busy  <= 1'b0;
            owner <= IW'(N - 1);
        end else if (!keep) begin
            busy <= lo_any;
            if (hi_any) begin
                grant <= hi_grant;
                owner <= hi_index;
            end else begin
                grant <= lo_grant;
                if (lo_any) owner <= lo_index;
            end
        end
    end
endmodule
