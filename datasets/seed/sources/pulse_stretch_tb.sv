// Self-checking testbench for pulse_stretch: random triggers, model keeps a deadline time.
module pulse_stretch_tb;
    localparam int W = 4;
    logic clk = 0, rst, trig = 0;
    logic [W-1:0] hold = 0;
    logic active;
    logic [W-1:0] remaining;
    int cyc, deadline, seed, highs;

    pulse_stretch #(.W(W)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst = 1; seed = 3; deadline = -1; highs = 0;
        repeat (2) @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 3000; cyc++) begin
            trig = ($random(seed) % 9) == 0;
            hold = $random(seed);
            @(posedge clk); #1;
            // model: the pulse is high through cycle deadline (counted in edges)
            if (trig) deadline = cyc + hold;
            if (active !== (cyc <= deadline)) begin
                $display("FAIL: cycle %0d active=%b expected %b", cyc, active, cyc <= deadline);
                $finish;
            end
            if (active && remaining !== deadline - cyc) begin
                $display("FAIL: cycle %0d remaining=%0d expected %0d", cyc, remaining, deadline - cyc);
                $finish;
            end
            if (active) highs++;
            @(negedge clk);
        end
        // reset in the middle of a pulse clears it
        trig = 1; hold = 9;
        @(negedge clk); trig = 0; rst = 1;
        @(negedge clk); rst = 0;
        if (active !== 1'b0) begin
            $display("FAIL: reset did not clear the pulse");
            $finish;
        end
        $display("PASS: %0d cycles, %0d high", cyc, highs);
        $finish;
    end
endmodule
