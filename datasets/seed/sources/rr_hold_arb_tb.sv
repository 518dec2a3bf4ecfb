// Self-checking testbench for rr_hold_arb: random requesters that hold bursts, model picks in turn order.
module rr_hold_arb_tb;
    localparam int N = 5;
    logic clk = 0, rst_n;
    logic [N-1:0] req, grant, exp_grant;
    logic busy;
    logic [2:0] owner;
    int cyc, seed, last, cand, k, grants [N];
    logic exp_busy;

    rr_hold_arb #(.N(N)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; req = '0; seed = 21; last = N - 1; exp_grant = '0; exp_busy = 0;
        for (k = 0; k < N; k++) grants[k] = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 5000; cyc++) begin
            @(negedge clk);
            // a requester that is granted keeps asking for a random time, others toggle randomly
            for (k = 0; k < N; k++) begin
                if (grant[k]) req[k] = ($random(seed) % 5) != 0;
                else if (!req[k]) req[k] = ($random(seed) % 3) == 0;
            end
            if (cyc % 500 < 20) req = '0;
            // model of the next grant
            if (!(exp_busy && (req & exp_grant) != 0)) begin
                exp_grant = '0;
                exp_busy = req != 0;
                for (k = 1; k <= N; k++) begin
                    cand = (last + k) % N;
                    if (req[cand] && exp_grant == 0) begin
                        exp_grant[cand] = 1'b1;
                        last = cand;
                    end
                end
            end
            @(posedge clk); #1;
            if (grant !== exp_grant || busy !== exp_busy || owner !== last[2:0]) begin
                $display("FAIL: cycle %0d req=%b grant=%b (exp %b) busy=%b owner=%0d (exp %0d)", cyc, req, grant, exp_grant, busy, owner, last);
                $finish;
            end
            for (k = 0; k < N; k++) if (grant[k]) grants[k]++;
        end
        for (k = 0; k < N; k++)
            if (grants[k] < 100) begin
                $display("FAIL: requester %0d was granted only %0d cycles", k, grants[k]);
                $finish;
            end
        $display("PASS: %0d cycles of arbitration", cyc);
        $finish;
    end
endmodule
