// Self-checking testbench for ring_fifo: random traffic against a queue model, flags and errors.
module ring_fifo_tb;
    localparam int W = 8, AW = 3, DEPTH = 8, MARGIN = 2;
    logic clk = 0, rst, push, pop;
    logic [W-1:0] wr_data, rd_data;
    logic [AW:0] count;
    logic empty, full, almost_full, overflow, underflow;
    logic [W-1:0] q [$];
    logic [W-1:0] exp_rd;
    logic exp_ovf, exp_unf;
    int cyc, seed, pops;

    ring_fifo #(.W(W), .AW(AW), .MARGIN(MARGIN)) dut (.*);
    always #5 clk = ~clk;

    task automatic fail(string what);
        $display("FAIL: cycle %0d %s (count=%0d model size=%0d rd_data=%h expected %h)", cyc, what, count, q.size(), rd_data, exp_rd);
        $finish;
    endtask

    initial begin
        rst = 1; push = 0; pop = 0; wr_data = 0; seed = 5; exp_rd = 0; exp_ovf = 0; exp_unf = 0; pops = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 4000; cyc++) begin
            // phases that fill, drain and mix
            case ((cyc / 200) % 3)
                0: begin push = ($random(seed) % 4) != 0; pop = ($random(seed) % 4) == 0; end
                1: begin push = ($random(seed) % 4) == 0; pop = ($random(seed) % 4) != 0; end
                default: begin push = $random(seed); pop = $random(seed); end
            endcase
            if (cyc > 3000) begin push = 0; pop = 0; end
            wr_data = $random(seed);
            #1;
            if (count !== q.size() || empty !== (q.size() == 0) || full !== (q.size() == DEPTH)
                || almost_full !== (DEPTH - q.size() <= MARGIN)) fail("status flags");
            // model update, decided from the state before the edge
            if (pop && q.size() == 0) exp_unf = 1;
            if (push && q.size() == DEPTH) exp_ovf = 1;
            begin
                bit can_pop, can_push;
                can_pop = q.size() != 0;
                can_push = q.size() != DEPTH;
                if (pop && can_pop) begin exp_rd = q.pop_front(); pops++; end
                if (push && can_push) q.push_back(wr_data);
            end
            @(posedge clk); #1;
            if (rd_data !== exp_rd) fail("read data");
            if (overflow !== exp_ovf || underflow !== exp_unf) fail("sticky error flags");
            @(negedge clk);
        end
        if (!exp_ovf || !exp_unf || pops < 500) fail("test did not reach both error cases");
        rst = 1;
        @(negedge clk);
        if (!empty || overflow || underflow) fail("reset");
        $display("PASS: %0d cycles, %0d words read", cyc, pops);
        $finish;
    end
endmodule
