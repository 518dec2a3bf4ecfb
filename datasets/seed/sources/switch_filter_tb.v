// Self-checking testbench for switch_filter: random bounces against a history-based model.
module switch_filter_tb;
    localparam STABLE = 5;
    reg clk = 0, rst_n = 0, raw = 0;
    wire level, rise, fall;
    reg [63:0] hist;          // synchronized samples, newest in bit 0
    reg exp_level, prev_level, m_a, m_b;
    integer cyc, k, agree, seed, changes;

    switch_filter #(.STABLE(STABLE)) dut (.clk(clk), .rst_n(rst_n), .raw(raw), .level(level), .rise(rise), .fall(fall));
    always #5 clk = ~clk;

    initial begin
        seed = 7; hist = 0; exp_level = 0; changes = 0; m_a = 0; m_b = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 4000; cyc = cyc + 1) begin
            @(negedge clk);
            // mostly long stable stretches with short bursts of bouncing
            if (($random(seed) & 63) == 0) raw = ~raw;
            else if ((cyc % 400) > 370) raw = $random(seed);
            // model of the two-flop synchronizer: the sample judged at an edge is m_b before it
            @(posedge clk); #1;
            prev_level = exp_level;
            hist = {hist[62:0], m_b};
            m_b = m_a;
            m_a = raw;
            // the output flips once STABLE consecutive samples differ from it
            agree = 1;
            for (k = 0; k < STABLE; k = k + 1)
                if (hist[k] == exp_level) agree = 0;
            if (agree) begin
                exp_level = ~exp_level;
                hist = {64{exp_level}};   // count restarts after a change
                changes = changes + 1;
            end
            if (level !== exp_level || rise !== (exp_level & ~prev_level) || fall !== (~exp_level & prev_level)) begin
                $display("FAIL: cycle %0d level=%b rise=%b fall=%b expected level=%b", cyc, level, rise, fall, exp_level);
                $finish;
            end
        end
        if (changes < 4) begin
            $display("FAIL: only %0d level changes seen", changes);
            $finish;
        end
        $display("PASS: %0d cycles, %0d level changes", cyc, changes);
        $finish;
    end
endmodule
