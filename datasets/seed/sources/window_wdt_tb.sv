// Self-checking testbench for window_wdt: kicks at random distances, faults predicted by the model.
module window_wdt_tb;
    localparam int OPEN = 20, CLOSE = 50;
    logic clk = 0, rst_n, enable, kick, window_open, fault;
    logic [15:0] elapsed;
    logic [1:0] cause;
    int since, gap, trial, early, late, good, seed, t;
    int exp_cause;

    window_wdt #(.OPEN(OPEN), .CLOSE(CLOSE)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; enable = 0; kick = 0; seed = 41; early = 0; late = 0; good = 0;
        #12 rst_n = 1;
        for (trial = 0; trial < 60; trial++) begin
            @(negedge clk);
            enable = 0;
            @(negedge clk);
            enable = 1;
            since = 0; exp_cause = 0;
            // a run of kicks, each after `gap` cycles; a gap outside the window ends the run
            for (t = 0; t < 20 && exp_cause == 0; t++) begin
                gap = (trial % 3 == 0 && t == 5) ? OPEN - 1 - ($random(seed) & 7)
                    : (trial % 3 == 1 && t == 5) ? CLOSE + 5
                    : OPEN + ({$random(seed)} % (CLOSE - OPEN + 1));
                for (int k = 0; k < gap && (exp_cause == 0 || k == 0); k++) begin
                    @(negedge clk);
                    since++;
                    if (since > CLOSE && exp_cause == 0) exp_cause = 2;
                    if (elapsed !== ((exp_cause == 2) ? CLOSE : since) || window_open !== (exp_cause == 0 && since >= OPEN && since <= CLOSE)) begin
                        $display("FAIL: trial %0d elapsed=%0d (model %0d) window_open=%b", trial, elapsed, since, window_open);
                        $finish;
                    end
                end
                if (exp_cause == 0) begin
                    kick = 1;
                    if (since < OPEN) exp_cause = 1; else good++;
                    @(negedge clk);
                    kick = 0;
                    since = 0;
                    if (exp_cause == 1) since = -1;
                end
            end
            @(negedge clk);
            if (fault !== (exp_cause != 0) || cause !== exp_cause[1:0]) begin
                $display("FAIL: trial %0d fault=%b cause=%0d expected cause %0d", trial, fault, cause, exp_cause);
                $finish;
            end
            if (exp_cause == 1) early++;
            if (exp_cause == 2) late++;
        end
        if (early < 10 || late < 10 || good < 100) begin
            $display("FAIL: coverage early %0d late %0d good %0d", early, late, good);
            $finish;
        end
        $display("PASS: %0d accepted kicks, %0d early and %0d late bites", good, early, late);
        $finish;
    end
endmodule
