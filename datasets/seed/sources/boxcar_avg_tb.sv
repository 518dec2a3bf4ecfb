// Self-checking testbench for boxcar_avg: the model re-adds the whole window for every sample.
module boxcar_avg_tb;
    localparam int DW = 8, LOG2N = 3, N = 8;
    logic clk = 0, rst, in_valid, out_valid, primed;
    logic [DW-1:0] din, avg;
    int hist [$];
    int cyc, seed, total, i, outputs;

    boxcar_avg #(.DW(DW), .LOG2N(LOG2N)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst = 1; in_valid = 0; din = 0; seed = 15; outputs = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 4000; cyc++) begin
            in_valid = ($random(seed) % 3) != 0;
            din = (cyc % 800 < 100) ? 8'hff : $random(seed);
            if (cyc == 2000) rst = 1;
            @(posedge clk); #1;
            if (rst) begin
                hist.delete();
                rst = 0;
                if (out_valid !== 1'b0 || avg !== 0 || primed !== 1'b0) begin
                    $display("FAIL: reset did not clear the filter");
                    $finish;
                end
            end else begin
                if (in_valid) begin
                    hist.push_back(din);
                    if (hist.size() > N) i = hist.pop_front();
                    total = 0;
                    for (i = 0; i < hist.size(); i++) total += hist[i];
                    if (avg !== total / N) begin
                        $display("FAIL: cycle %0d avg=%0d expected %0d", cyc, avg, total / N);
                        $finish;
                    end
                    outputs++;
                end
                if (out_valid !== in_valid || primed !== (hist.size() == N)) begin
                    $display("FAIL: cycle %0d out_valid=%b primed=%b (window %0d)", cyc, out_valid, primed, hist.size());
                    $finish;
                end
            end
            @(negedge clk);
        end
        $display("PASS: %0d averages", outputs);
        $finish;
    end
endmodule
