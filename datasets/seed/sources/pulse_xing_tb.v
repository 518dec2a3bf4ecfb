// Self-checking testbench for pulse_xing: fast-to-slow and slow-to-fast, counting pulses on both sides.
module pulse_xing_tb;
    reg src_clk = 0, dst_clk = 0, src_rst_n, dst_rst_n, src_pulse;
    wire src_busy, src_drop, dst_pulse;
    integer src_half, dst_half, round, n, accepted, dropped, received, seed, prev_pulse;

    pulse_xing dut (.src_clk(src_clk), .src_rst_n(src_rst_n), .src_pulse(src_pulse), .src_busy(src_busy),
                    .src_drop(src_drop), .dst_clk(dst_clk), .dst_rst_n(dst_rst_n), .dst_pulse(dst_pulse));

    always #(src_half) src_clk = ~src_clk;
    always #(dst_half) dst_clk = ~dst_clk;

    // destination: count pulses, and every pulse must last exactly one cycle
    always @(posedge dst_clk) begin
        if (dst_pulse) received = received + 1;
        if (dst_pulse && prev_pulse) begin
            $display("FAIL: destination pulse longer than one cycle");
            $finish;
        end
        prev_pulse = dst_pulse;
    end

    initial begin
        seed = 3; src_pulse = 0; prev_pulse = 0;
        for (round = 0; round < 2; round = round + 1) begin
            src_half = (round == 0) ? 3 : 17;
            dst_half = (round == 0) ? 13 : 4;
            accepted = 0; dropped = 0; received = 0;
            src_rst_n = 0; dst_rst_n = 0;
            #100;
            src_rst_n = 1; dst_rst_n = 1;
            for (n = 0; n < 600; n = n + 1) begin
                @(negedge src_clk);
                src_pulse = ($random(seed) % 4) == 0;
                #1;
                // model: a pulse goes through exactly when the crossing is idle
                if (src_pulse && !src_busy) accepted = accepted + 1;
                if (src_drop !== (src_pulse && src_busy)) begin
                    $display("FAIL: src_drop=%b with pulse=%b busy=%b", src_drop, src_pulse, src_busy);
                    $finish;
                end
                if (src_drop) dropped = dropped + 1;
            end
            @(negedge src_clk) src_pulse = 0;
            #2000;
            if (received != accepted || accepted < 20 || dropped < 20 || src_busy) begin
                $display("FAIL: round %0d accepted %0d, received %0d, dropped %0d, busy %b", round, accepted, received, dropped, src_busy);
                $finish;
            end
        end
        $display("PASS: both clock ratios, every accepted pulse arrived once");
        $finish;
    end
endmodule
