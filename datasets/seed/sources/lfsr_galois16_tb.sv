// Self-checking testbench for lfsr_galois16: step model, load, zero seed, full period.
module lfsr_galois16_tb;
    logic clk = 0, rst_n, load = 0, step = 0;
    logic [15:0] seed = 0;
    logic [15:0] state;
    logic bit_out;
    logic [15:0] model;
    integer n, period;

    lfsr_galois16 dut (.*);
    always #5 clk = ~clk;

    function automatic [15:0] advance(input [15:0] s);
        // feedback written as the polynomial terms: x^16 -> bit 15, x^14 -> bit 13, ...
        logic out;
        out = s[0];
        advance = s >> 1;
        if (out) begin
            advance[15] = advance[15] ^ 1'b1;
            advance[13] = advance[13] ^ 1'b1;
            advance[12] = advance[12] ^ 1'b1;
            advance[10] = advance[10] ^ 1'b1;
        end
    endfunction

    task automatic fail(input [255:0] what);
        $display("FAIL: %0s state=%h model=%h", what, state, model);
        $finish;
    endtask

    initial begin
        rst_n = 0;
        #1;
        if (state !== 16'h0001) fail("reset value");
        @(negedge clk) rst_n = 1;
        model = 16'h0001;
        // hold without step
        repeat (3) @(negedge clk);
        if (state !== model) fail("held state changed");
        // load a seed
        seed = 16'hACE1; load = 1; step = 1;
        @(negedge clk) load = 0;
        model = 16'hACE1;
        if (state !== model) fail("seed load");
        for (n = 0; n < 300; n = n + 1) begin
            step = (n % 5) != 3;
            @(negedge clk);
            if (step) model = advance(model);
            if (state !== model || bit_out !== model[0]) fail("step sequence");
        end
        // zero seed is replaced by 1
        seed = 0; load = 1;
        @(negedge clk) load = 0;
        model = 16'h0001;
        if (state !== model) fail("zero seed");
        // period must be exactly 65535
        step = 1;
        period = 0;
        do begin
            @(negedge clk);
            period = period + 1;
        end while (state !== 16'h0001 && period < 70000);
        if (period != 65535) begin
            $display("FAIL: period %0d, expected 65535", period);
            $finish;
        end
        $display("PASS: sequence, load and period 65535 checked");
        $finish;
    end
endmodule
