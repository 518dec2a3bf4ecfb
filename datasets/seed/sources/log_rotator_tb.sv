// Self-checking testbench for log_rotator: every amount and direction on random words.
module log_rotator_tb;
    localparam int W = 16;
    logic [W-1:0] din, dout, wrapped, exp_out, exp_wrap;
    logic [3:0] amt;
    logic right;
    int n, a, i, src;

    log_rotator #(.W(W)) dut (.*);

    initial begin
        for (n = 0; n < 300; n++) begin
            din = $random;
            for (a = 0; a < 2 * W; a++) begin
                amt = a % W;
                right = a >= W;
                // model: place each input bit at its destination one at a time
                for (i = 0; i < W; i++) begin
                    src = right ? (i + amt) % W : (i - amt + W) % W;
                    exp_out[i] = din[src];
                    exp_wrap[i] = right ? (i + amt >= W) : (i < amt);
                end
                #1;
                if (dout !== exp_out || wrapped !== exp_wrap) begin
                    $display("FAIL: din=%h amt=%0d right=%b dout=%h (exp %h) wrapped=%b (exp %b)", din, amt, right, dout, exp_out, wrapped, exp_wrap);
                    $finish;
                end
            end
        end
        $display("PASS: %0d rotations", n * 2 * W);
        $finish;
    end
endmodule
