// rr_arbiter: N-requester round-robin arbiter with one-hot grant.
//
// grant is combinational from req and a priority pointer: the first requester at or after the
// pointer (wrapping around) wins. When the grant is consumed (ack && grant_valid), the pointer
// moves to the requester just after the winner, so the winner has the lowest priority next.
// With ack held at 1 this arbitrates every cycle; a continuously requesting input waits for at
// most N-1 grants to others.
module rr_arbiter #(
    parameter int N = 4
) (
    input  logic                 clk,
    input  logic                 rst_n,        // synchronous, active low
    input  logic [N-1:0]         req,
    input  logic                 ack,          // the current grant is used this cycle
    output logic [N-1:0]         grant,        // one-hot, or 0 when no request
    output logic                 grant_valid,
    output logic [$clog2(N)-1:0] grant_idx     // index of the granted requester (0 when none)
);
    localparam int IW = $clog2(N);

    logic [IW-1:0] prio;                       // highest-priority requester index
    logic [N-1:0]  upper, pick;

    assign upper       = req & ({N{1'b1}} << prio);   // requesters at or after the pointer
    assign pick        = (|upper) ? upper : req;      // otherwise wrap around
    assign grant       = pick & (~pick + 1'b1);       // lowest set bit
    assign grant_valid = |req;

    always_comb begin
        grant_idx = '0;
        for (int i = 0; i < N; i++) begin
            if (grant[i]) grant_idx = IW'(i);
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            prio <= '0;
        end else if (ack && grant_valid) begin
            prio <= (grant_idx == IW'(N - 1)) ? '0 : grant_idx + 1'b1;
        end
    end
endmodule
