// Self-checking testbench for seq_0110_mealy: compares with a sliding window of received bits.
module seq_0110_mealy_tb;
    reg clk = 0, rst_n, bit_en, din;
    wire hit;
    wire [1:0] progress;
    reg [3:0] win;      // last bits accepted, newest in bit 0; 1s mean "nothing useful"
    integer cyc, seed, hits, exp_prog;
    reg exp_hit;

    seq_0110_mealy dut (.clk(clk), .rst_n(rst_n), .bit_en(bit_en), .din(din), .hit(hit), .progress(progress));
    always #5 clk = ~clk;

    initial begin
        seed = 44; rst_n = 0; bit_en = 0; din = 0; win = 4'b1111; hits = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 8000; cyc = cyc + 1) begin
            @(negedge clk);
            bit_en = ($random(seed) % 5) != 0;
            // bias toward the pattern so matches are frequent
            din = (cyc % 1000 < 300) ? (cyc % 3 != 0) : $random(seed);
            // longest suffix of the window that is a prefix of 0110
            if (win[2:0] == 3'b011) exp_prog = 3;
            else if (win[1:0] == 2'b01) exp_prog = 2;
            else if (win[0] == 1'b0) exp_prog = 1;
            else exp_prog = 0;
            exp_hit = bit_en && ({win[2:0], din} == 4'b0110);
            #1;
            if (hit !== exp_hit || progress !== exp_prog[1:0]) begin
                $display("FAIL: cycle %0d window %b din %b en %b hit=%b (exp %b) progress=%0d (exp %0d)", cyc, win, din, bit_en, hit, exp_hit, progress, exp_prog);
                $finish;
            end
            if (hit) hits = hits + 1;
            if (bit_en) win = {win[2:0], din};
        end
        if (hits < 100) begin
            $display("FAIL: only %0d matches exercised", hits);
            $finish;
        end
        $display("PASS: %0d cycles, %0d matches", cyc, hits);
        $finish;
    end
endmodule
