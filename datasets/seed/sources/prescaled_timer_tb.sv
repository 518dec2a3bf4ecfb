// Self-checking testbench for prescaled_timer: count, match and irq predicted from elapsed cycles.
module prescaled_timer_tb;
    logic clk = 0, rst_n, go, stop, periodic, irq_clr, running, irq;
    logic [15:0] prescale, compare, count;
    int cfg, t, p, c, stop_at, m_count, m_irq, m_running, n_match;
    bit match_now;

    prescaled_timer dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; go = 0; stop = 0; periodic = 1; irq_clr = 0; prescale = 0; compare = 0;
        #12 rst_n = 1;
        @(negedge clk);
        if (running !== 0 || irq !== 0 || count !== 0) begin
            $display("FAIL: reset state");
            $finish;
        end
        m_irq = 0;
        for (cfg = 0; cfg < 8; cfg++) begin
            prescale = (cfg % 4 == 0) ? cfg / 4 : 1 + cfg * 3;
            compare = 2 + cfg * 5;
            periodic = (cfg != 5);
            stop_at = (cfg == 6) ? 150 : -1;
            p = (prescale > 1) ? prescale : 1;
            c = compare;
            go = 1;
            @(negedge clk);
            go = 0;
            m_running = 1; n_match = 0;
            // t = edges since the go edge
            for (t = 1; t <= 4 * (c + 1) * p + 20; t++) begin
                irq_clr = (t % 3 == 0);
                stop = (t == stop_at);
                @(posedge clk); #1;
                // model from elapsed time alone
                match_now = m_running && !stop && (t % p == 0) && ((t / p) % (c + 1) == 0);
                if (stop) m_running = 0;
                if (match_now) begin
                    n_match++;
                    if (!periodic) m_running = 0;
                end
                if (m_running || match_now) m_count = (t / p) % (c + 1);
                m_irq = match_now ? 1 : (irq_clr ? 0 : m_irq);
                if (count !== m_count[15:0] || running !== m_running[0] || irq !== m_irq[0]) begin
                    $display("FAIL: config %0d edge %0d count=%0d (exp %0d) running=%b (exp %0d) irq=%b (exp %0d)",
                             cfg, t, count, m_count, running, m_running, irq, m_irq);
                    $finish;
                end
                @(negedge clk);
            end
            if (n_match != ((cfg == 5) ? 1 : (cfg == 6) ? 149 / ((c + 1) * p) : (4 * (c + 1) * p + 20) / ((c + 1) * p))) begin
                $display("FAIL: config %0d saw %0d matches", cfg, n_match);
                $finish;
            end
        end
        $display("PASS: eight timer configurations");
        $finish;
    end
endmodule
