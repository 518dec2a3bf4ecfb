// Self-checking testbench for accum_ovf: integer model with explicit range checks.
module accum_ovf_tb;
    localparam W = 12, DW = 8;
    reg clk = 0, rst_n, clear, in_valid, sub;
    reg [DW-1:0] din;
    wire [W-1:0] acc;
    wire wrapped;
    wire [15:0] samples;
    integer model, cnt, cyc, seed, wraps;
    reg exp_wrapped;

    accum_ovf #(.W(W), .DW(DW)) dut (.clk(clk), .rst_n(rst_n), .clear(clear), .in_valid(in_valid), .sub(sub),
                                     .din(din), .acc(acc), .wrapped(wrapped), .samples(samples));
    always #5 clk = ~clk;

    initial begin
        seed = 13; rst_n = 0; clear = 0; in_valid = 0; sub = 0; din = 0;
        model = 0; cnt = 0; exp_wrapped = 0; wraps = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 5000; cyc = cyc + 1) begin
            @(negedge clk);
            in_valid = $random(seed);
            sub = ((cyc / 250) % 2) ? (($random(seed) % 4) != 0) : (($random(seed) % 4) == 0);
            din = $random(seed);
            clear = ($random(seed) % 150) == 0;
            @(posedge clk); #1;
            if (clear) begin
                model = 0; cnt = 0; exp_wrapped = 0;
            end else if (in_valid) begin
                model = sub ? model - din : model + din;
                if (model < 0 || model >= (1 << W)) begin
                    exp_wrapped = 1;
                    wraps = wraps + 1;
                    model = (model + (1 << W)) % (1 << W);
                end
                cnt = cnt + 1;
            end
            if (acc !== model || wrapped !== exp_wrapped || samples !== cnt) begin
                $display("FAIL: cycle %0d acc=%0d (exp %0d) wrapped=%b (exp %b) samples=%0d (exp %0d)", cyc, acc, model, wrapped, exp_wrapped, samples, cnt);
                $finish;
            end
        end
        if (wraps < 5) begin
            $display("FAIL: only %0d wraps exercised", wraps);
            $finish;
        end
        $display("PASS: %0d cycles, %0d wraps", cyc, wraps);
        $finish;
    end
endmodule
