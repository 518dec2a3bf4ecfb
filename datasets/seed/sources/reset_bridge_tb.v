// Self-checking testbench for reset_bridge: asynchronous assertion and release after STAGES edges.
module reset_bridge_tb;
    localparam STAGES = 4;
    reg clk = 0, arst_n, run_clk;
    wire rst_n_out;
    integer n, edges, seed, gap;

    reset_bridge #(.STAGES(STAGES)) dut (.clk(clk), .arst_n(arst_n), .rst_n_out(rst_n_out));
    always #5 if (run_clk) clk = ~clk;

    always @(posedge clk) if (arst_n) edges = edges + 1;

    initial begin
        seed = 5; run_clk = 1; arst_n = 1;
        #1 arst_n = 0;
        for (n = 0; n < 50; n = n + 1) begin
            // hold reset for a random time, release it between clock edges
            gap = 20 + ($random(seed) & 63);
            #(gap);
            @(negedge clk);
            #2;
            if (rst_n_out !== 1'b0) begin
                $display("FAIL: output released while the input reset is held");
                $finish;
            end
            edges = 0;
            arst_n = 1;
            while (rst_n_out !== 1'b1 && edges <= STAGES + 2) @(clk or rst_n_out);
            if (edges != STAGES) begin
                $display("FAIL: release after %0d edges, expected %0d", edges, STAGES);
                $finish;
            end
            #(7 + ($random(seed) & 31));
            // assertion must take effect at once, even with the clock stopped
            if (n % 2) run_clk = 0;
            #3;
            arst_n = 0;
            #1;
            if (rst_n_out !== 1'b0) begin
                $display("FAIL: output not asserted asynchronously");
                $finish;
            end
            run_clk = 1;
        end
        $display("PASS: %0d reset cycles", n);
        $finish;
    end
endmodule
