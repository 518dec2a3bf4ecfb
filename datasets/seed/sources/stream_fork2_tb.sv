// Self-checking testbench for stream_fork2: random stalls on both sides, each sink sees every word once.
module stream_fork2_tb;
    localparam int W = 16, WORDS = 400;
    logic clk = 0, rst, in_valid, in_ready, a_valid, a_ready, b_valid, b_ready;
    logic [W-1:0] in_data, a_data, b_data;
    logic [W-1:0] words [WORDS];
    int sent, got_a, got_b, cyc, seed;
    logic fire_a, fire_b, fire_in;

    stream_fork2 #(.W(W)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        seed = 8;
        for (int i = 0; i < WORDS; i++) words[i] = $random(seed);
        rst = 1; in_valid = 0; in_data = 0; a_ready = 0; b_ready = 0; sent = 0; got_a = 0; got_b = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 20000 && (got_a < WORDS || got_b < WORDS); cyc++) begin
            // a word once offered stays offered until accepted
            if (!in_valid && sent < WORDS) in_valid = ($random(seed) % 3) != 0;
            in_data = in_valid ? words[sent] : 'x;
            a_ready = ($random(seed) % 2) == 0;
            b_ready = ($random(seed) % 4) != 0;
            #1;
            // the input is acknowledged exactly when every sink has taken or is taking the word
            if (in_valid && in_ready !== ((got_a > sent || a_ready) && (got_b > sent || b_ready))) begin
                $display("FAIL: cycle %0d in_ready=%b with a_ready=%b b_ready=%b, taken %0d/%0d of word %0d", cyc, in_ready, a_ready, b_ready, got_a, got_b, sent);
                $finish;
            end
            if (in_valid && (a_valid !== (got_a == sent) || b_valid !== (got_b == sent))) begin
                $display("FAIL: cycle %0d a_valid=%b b_valid=%b offered again or withheld", cyc, a_valid, b_valid);
                $finish;
            end
            if ((a_valid && a_data !== words[sent]) || (b_valid && b_data !== words[sent])) begin
                $display("FAIL: cycle %0d outputs carry %h/%h, word %0d is %h", cyc, a_data, b_data, sent, words[sent]);
                $finish;
            end
            // handshakes are judged before the edge, counted after it
            fire_a = a_valid && a_ready;
            fire_b = b_valid && b_ready;
            fire_in = in_valid && in_ready;
            @(posedge clk); #1;
            if (fire_a) got_a++;
            if (fire_b) got_b++;
            if (fire_in) begin
                sent++;
                in_valid = 0;
                // after the input moves on, both sinks must have taken the word exactly once
                if (got_a != sent || got_b != sent) begin
                    $display("FAIL: word %0d acknowledged with %0d/%0d deliveries", sent - 1, got_a, got_b);
                    $finish;
                end
            end else if (got_a > sent + 1 || got_b > sent + 1) begin
                $display("FAIL: word %0d delivered twice", sent);
                $finish;
            end
            @(negedge clk);
        end
        if (sent != WORDS || got_a != WORDS || got_b != WORDS) begin
            $display("FAIL: stalled after %0d words (%0d/%0d delivered)", sent, got_a, got_b);
            $finish;
        end
        $display("PASS: %0d words delivered to both sinks in %0d cycles", sent, cyc);
        $finish;
    end
endmodule
