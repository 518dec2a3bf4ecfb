// Self-checking testbench for prio_pick: all 2^10 request patterns of a 10-way picker.
module prio_pick_tb;
    localparam int N = 10;
    logic [N-1:0] req, grant, exp_grant;
    logic any;
    logic [3:0] index;
    int v, k, exp_index;

    prio_pick #(.N(N)) dut (.*);

    initial begin
        for (v = 0; v < (1 << N); v++) begin
            req = v[N-1:0];
            exp_grant = '0;
            exp_index = 0;
            // scan from the top so the last hit is the lowest index
            for (k = N - 1; k >= 0; k--)
                if (req[k]) begin
                    exp_grant = '0;
                    exp_grant[k] = 1'b1;
                    exp_index = k;
                end
            #1;
            if (grant !== exp_grant || any !== (v != 0) || index !== exp_index[3:0]) begin
                $display("FAIL: req=%b grant=%b (exp %b) any=%b index=%0d (exp %0d)", req, grant, exp_grant, any, index, exp_index);
                $finish;
            end
        end
        $display("PASS: %0d request patterns", v);
        $finish;
    end
endmodule
