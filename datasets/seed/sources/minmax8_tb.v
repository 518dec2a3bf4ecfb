// Self-checking testbench for minmax8: a sort-free scan model over random and tied inputs.
module minmax8_tb;
    reg  [63:0] values;
    wire [7:0] min_v, max_v, spread;
    integer n, i, seed, mn, mx, e;

    minmax8 #(.W(8)) dut (.values(values), .min_v(min_v), .max_v(max_v), .spread(spread));

    initial begin
        seed = 51;
        for (n = 0; n < 20000; n = n + 1) begin
            values = {$random(seed), $random(seed)};
            // narrow value ranges make ties and extreme positions common
            if (n % 4 == 1) values = values & 64'h0303030303030303;
            if (n % 4 == 2) values[8*(n % 8) +: 8] = 8'hff;
            if (n % 4 == 3) values[8*((n / 4) % 8) +: 8] = 8'h00;
            mn = 256; mx = -1;
            for (i = 0; i < 8; i = i + 1) begin
                e = values[8*i +: 8];
                if (e < mn) mn = e;
                if (e > mx) mx = e;
            end
            #1;
            if (min_v !== mn || max_v !== mx || spread !== mx - mn) begin
                $display("FAIL: values=%h min=%0d (exp %0d) max=%0d (exp %0d) spread=%0d", values, min_v, mn, max_v, mx, spread);
                $finish;
            end
        end
        $display("PASS: %0d vectors", n);
        $finish;
    end
endmodule
