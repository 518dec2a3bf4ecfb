// Self-checking testbench for tap_delay: history queue model, random taps and shift gaps.
module tap_delay_tb;
    localparam int W = 8, DEPTH = 16;
    logic clk = 0, rst, shift, dout_valid;
    logic [W-1:0] din, dout;
    logic [3:0] tap;
    logic [W-1:0] hist [$];
    int cyc, seed;

    tap_delay #(.W(W), .DEPTH(DEPTH)) dut (.*);
    always #50 clk = ~clk;   // long enough to scan all taps between edges

    initial begin
        rst = 1; shift = 0; din = 0; tap = 0; seed = 10;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 3000; cyc++) begin
            shift = ($random(seed) % 4) != 0;
            din = $random(seed);
            if (cyc == 1500) rst = 1;
            @(posedge clk); #1;
            if (rst) begin hist.delete(); rst = 0; end
            else if (shift) hist.push_front(din);
            for (int t = 0; t < DEPTH; t++) begin
                tap = t;
                #1;
                if (dout_valid !== (t < hist.size()) || (t < hist.size() && dout !== hist[t])) begin
                    $display("FAIL: cycle %0d tap %0d dout=%h valid=%b (history %0d deep, exp %h)", cyc, t, dout, dout_valid, hist.size(), (t < hist.size()) ? hist[t] : 0);
                    $finish;
                end
            end
            @(negedge clk);
        end
        $display("PASS: %0d cycles, all taps", cyc);
        $finish;
    end
endmodule
