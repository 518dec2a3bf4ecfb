// Self-checking testbench for word_parity: random words, parity by counting ones.
module word_parity_tb;
    reg  [31:0] data;
    reg         odd_mode;
    reg  [3:0]  rx_par;
    wire [3:0]  byte_par, err_lanes;
    wire        word_par, any_err;
    reg  [3:0]  exp_bp;
    reg         exp_wp;
    integer n, lane, b, ones, total, seed;

    word_parity #(.NB(4)) dut (.data(data), .odd_mode(odd_mode), .byte_par(byte_par), .word_par(word_par),
                               .rx_par(rx_par), .err_lanes(err_lanes), .any_err(any_err));

    initial begin
        seed = 4;
        for (n = 0; n < 2000; n = n + 1) begin
            data = $random(seed);
            if (n < 16) data = {8{n[3:0]}};
            odd_mode = $random(seed);
            total = 0;
            for (lane = 0; lane < 4; lane = lane + 1) begin
                ones = 0;
                for (b = 0; b < 8; b = b + 1) ones = ones + data[8*lane + b];
                total = total + ones;
                // even parity: bit makes the count even; odd parity: makes it odd
                exp_bp[lane] = odd_mode ? (ones % 2 == 0) : (ones % 2 == 1);
            end
            exp_wp = odd_mode ? (total % 2 == 0) : (total % 2 == 1);
            rx_par = (n % 3 == 0) ? exp_bp : exp_bp ^ ($random(seed) & 4'hf);
            #1;
            if (byte_par !== exp_bp || word_par !== exp_wp || err_lanes !== (rx_par ^ exp_bp) || any_err !== (rx_par != exp_bp)) begin
                $display("FAIL: data=%h odd=%b byte_par=%b (exp %b) word_par=%b (exp %b) err_lanes=%b", data, odd_mode, byte_par, exp_bp, word_par, exp_wp, err_lanes);
                $finish;
            end
        end
        $display("PASS: %0d words", n);
        $finish;
    end
endmodule
