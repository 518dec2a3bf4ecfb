// Self-checking testbench for hamming_dist: random words with controlled numbers of flipped bits.
module hamming_dist_tb;
    reg clk = 0, rst_n, in_valid;
    reg [31:0] a, b, flip;
    reg [5:0] limit;
    wire out_valid, close;
    wire [5:0] distance;
    integer n, k, want, seed, exp_dist;
    reg [5:0] held_dist;
    reg held_close;

    hamming_dist #(.W(32)) dut (.clk(clk), .rst_n(rst_n), .in_valid(in_valid), .a(a), .b(b), .limit(limit),
                                .out_valid(out_valid), .distance(distance), .close(close));
    always #5 clk = ~clk;

    initial begin
        seed = 8; rst_n = 0; in_valid = 0; a = 0; b = 0; limit = 0;
        #12 rst_n = 1;
        for (n = 0; n < 2000; n = n + 1) begin
            @(negedge clk);
            // build b from a by flipping exactly `want` distinct positions
            want = (n < 33) ? n : ($random(seed) & 31);
            flip = 0;
            k = 0;
            while (k < want) begin
                exp_dist = $random(seed) & 31;
                if (!flip[exp_dist]) begin
                    flip[exp_dist] = 1'b1;
                    k = k + 1;
                end
            end
            a = $random(seed);
            b = a ^ flip;
            limit = $random(seed) % 33;
            in_valid = (n % 7) != 6;
            held_dist = distance; held_close = close;
            @(posedge clk); #1;
            if (out_valid !== in_valid) begin
                $display("FAIL: out_valid=%b in_valid=%b", out_valid, in_valid);
                $finish;
            end
            if (in_valid && (distance !== want || close !== (want <= limit))) begin
                $display("FAIL: a=%h b=%h distance=%0d (exp %0d) limit=%0d close=%b", a, b, distance, want, limit, close);
                $finish;
            end
            if (!in_valid && (distance !== held_dist || close !== held_close)) begin
                $display("FAIL: outputs changed without in_valid");
                $finish;
            end
        end
        $display("PASS: %0d comparisons", n);
        $finish;
    end
endmodule
