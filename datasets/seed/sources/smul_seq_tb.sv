// Self-checking testbench for smul_seq: corner operands and random pairs against the * operator.
module smul_seq_tb;
    localparam int W = 8;
    logic clk = 0, rst_n, start, busy, done;
    logic signed [W-1:0] a, b;
    logic signed [2*W-1:0] product;
    int n, seed, cycles, expected;
    int corners [5];

    smul_seq #(.W(W)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; start = 0; a = 0; b = 0; seed = 19;
        corners[0] = -128; corners[1] = -1; corners[2] = 0; corners[3] = 1; corners[4] = 127;
        #12 rst_n = 1;
        for (n = 0; n < 1025; n++) begin
            @(negedge clk);
            if (n < 25) begin a = corners[n % 5]; b = corners[n / 5]; end
            else begin a = $random(seed); b = $random(seed); end
            expected = int'(a) * int'(b);
            start = 1;
            @(negedge clk);
            start = 0;
            a = $random(seed); b = $random(seed);   // operands may change once sampled
            cycles = 1;
            while (!done && cycles < 4 * W) begin
                @(negedge clk);
                cycles++;
            end
            if (!done || product !== expected[2*W-1:0]) begin
                $display("FAIL: case %0d product %0d expected %0d (done=%b after %0d cycles)", n, product, expected, done, cycles);
                $finish;
            end
            @(negedge clk);
            if (busy || done || product !== expected[2*W-1:0]) begin
                $display("FAIL: case %0d not idle after done, or product not held", n);
                $finish;
            end
        end
        $display("PASS: %0d products", n);
        $finish;
    end
endmodule
