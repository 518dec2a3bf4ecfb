// Self-checking testbench for johnson_phases: sequence, phase decode and recovery from bad states.
module johnson_phases_tb;
    localparam N = 5;
    reg clk = 0, rst_n, en;
    wire [N-1:0] q;
    wire [2*N-1:0] phase;
    reg [N-1:0] model;
    integer step, cyc, seed, k, bad;

    johnson_phases #(.N(N)) dut (.clk(clk), .rst_n(rst_n), .en(en), .q(q), .phase(phase));
    always #5 clk = ~clk;

    // the k-th state: k ones from the bottom for k <= N, then 2N-k ones at the top
    function [N-1:0] state_of(input integer s);
        integer j;
        begin
            for (j = 0; j < N; j = j + 1) state_of[j] = (s <= N) ? (j < s) : (j >= s - N);
        end
    endfunction

    initial begin
        seed = 1; rst_n = 0; en = 0; step = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 500; cyc = cyc + 1) begin
            @(negedge clk);
            if (q !== state_of(step) || phase !== ({{(2*N-1){1'b0}}, 1'b1} << step)) begin
                $display("FAIL: step %0d q=%b (exp %b) phase=%b", step, q, state_of(step), phase);
                $finish;
            end
            en = $random(seed);
            @(posedge clk); #1;
            if (en) step = (step + 1) % (2 * N);
        end
        // force illegal states and check the counter returns to the legal ring
        en = 1;
        for (k = 0; k < 40; k = k + 1) begin
            @(negedge clk);
            dut.q = $random(seed);   // an upset
            bad = 1;
            for (cyc = 0; cyc < 2 && bad; cyc = cyc + 1) begin
                @(negedge clk);
                for (step = 0; step < 2 * N; step = step + 1) if (q === state_of(step)) bad = 0;
            end
            if (bad) begin
                $display("FAIL: stuck outside the Johnson sequence at %b", q);
                $finish;
            end
        end
        $display("PASS: sequence, decode and recovery");
        $finish;
    end
endmodule
