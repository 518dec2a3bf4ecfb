// Self-checking testbench for bin_gray_xcode: exhaustive over all 10-bit values.
module bin_gray_xcode_tb;
    localparam W = 10;
    reg  [W-1:0] b, g;
    wire [W-1:0] g_out, b_out;
    integer v, i, checks;
    reg [W-1:0] exp_g, exp_b;
    reg [W-1:0] prev_g;
    reg acc;

    bin_gray_xcode #(.W(W)) dut (.bin_in(b), .gray_out(g_out), .gray_in(g), .bin_out(b_out));

    initial begin
        checks = 0;
        for (v = 0; v < (1 << W); v = v + 1) begin
            b = v;
            g = v;
            // independent model: encode bit by bit, decode by scanning down from the top
            for (i = 0; i < W - 1; i = i + 1) exp_g[i] = b[i] ^ b[i+1];
            exp_g[W-1] = b[W-1];
            acc = 1'b0;
            for (i = W - 1; i >= 0; i = i - 1) begin
                acc = acc ^ g[i];
                exp_b[i] = acc;
            end
            #1;
            if (g_out !== exp_g || b_out !== exp_b) begin
                $display("FAIL: v=%0d gray_out=%b (exp %b) bin_out=%b (exp %b)", v, g_out, exp_g, b_out, exp_b);
                $finish;
            end
            // successive codes differ in exactly one bit
            if (v > 0 && ((g_out ^ prev_g) & ((g_out ^ prev_g) - 1)) != 0) begin
                $display("FAIL: codes for %0d and %0d differ in more than one bit", v - 1, v);
                $finish;
            end
            prev_g = g_out;
            checks = checks + 1;
        end
        $display("PASS: %0d values checked", checks);
        $finish;
    end
endmodule
