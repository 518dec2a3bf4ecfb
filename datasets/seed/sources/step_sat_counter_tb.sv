// Self-checking testbench for step_sat_counter: random walks that push against both limits.
module step_sat_counter_tb;
    localparam int W = 8, SW = 4, LO = -100, HI = 90;
    logic clk = 0, rst, en, load;
    logic signed [SW-1:0] step;
    logic signed [W-1:0] load_value, value;
    logic at_hi, at_lo;
    int model, cyc, seed, hi_hits, lo_hits;

    step_sat_counter #(.W(W), .SW(SW), .LO(LO), .HI(HI)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst = 1; en = 0; load = 0; step = 0; load_value = 0; seed = 6; model = 0; hi_hits = 0; lo_hits = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 6000; cyc++) begin
            en = ($random(seed) % 4) != 0;
            step = $random(seed);
            // drift upward for a while, then downward
            if ((cyc / 500) % 2 == 0 && step < 0 && ($random(seed) % 3 != 0)) step = -step;
            if ((cyc / 500) % 2 == 1 && step > 0 && ($random(seed) % 3 != 0)) step = -step;
            load = ($random(seed) % 97) == 0;
            load_value = $random(seed);
            @(posedge clk); #1;
            if (load) model = load_value;
            else if (en) model = model + step;
            if (model > HI) model = HI;
            if (model < LO) model = LO;
            if (value !== model || at_hi !== (model == HI) || at_lo !== (model == LO)) begin
                $display("FAIL: cycle %0d value=%0d expected %0d (at_hi=%b at_lo=%b)", cyc, value, model, at_hi, at_lo);
                $finish;
            end
            if (at_hi) hi_hits++;
            if (at_lo) lo_hits++;
            @(negedge clk);
        end
        if (hi_hits == 0 || lo_hits == 0) begin
            $display("FAIL: a limit was never reached");
            $finish;
        end
        $display("PASS: %0d cycles, %0d at the top, %0d at the bottom", cyc, hi_hits, lo_hits);
        $finish;
    end
endmodule
