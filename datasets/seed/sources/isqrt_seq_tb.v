// Self-checking testbench for isqrt_seq: checks root*root <= x < (root+1)^2 over a sweep of 16-bit inputs.
module isqrt_seq_tb;
    reg clk = 0, rst_n, start;
    reg [15:0] x;
    wire busy, done;
    wire [7:0] root;
    wire [8:0] rem;
    integer v, r, cycles, n;

    isqrt_seq #(.W(8)) dut (.clk(clk), .rst_n(rst_n), .start(start), .x(x), .busy(busy), .done(done), .root(root), .rem(rem));
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; start = 0; x = 0; n = 0;
        #12 rst_n = 1;
        // all values near perfect squares plus a stride through the rest
        for (v = 0; v < 65536; v = v + ((v < 1024 || v > 64000) ? 1 : 97)) begin
            @(negedge clk);
            x = v; start = 1;
            @(negedge clk);
            start = 0; x = ~v;
            cycles = 1;
            while (!done && cycles < 20) begin
                @(negedge clk);
                cycles = cycles + 1;
            end
            r = root;
            if (!done || r * r > v || (r + 1) * (r + 1) <= v || rem !== v - r * r) begin
                $display("FAIL: x=%0d root=%0d rem=%0d done=%b after %0d cycles", v, root, rem, done, cycles);
                $finish;
            end
            n = n + 1;
        end
        $display("PASS: %0d square roots", n);
        $finish;
    end
endmodule
