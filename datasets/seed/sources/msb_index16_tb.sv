// Self-checking testbench for msb_index16: exhaustive over all 65536 inputs.
module msb_index16_tb;
    logic [15:0] value;
    logic valid, is_pow2;
    logic [3:0] index;
    int v, k, exp_index, ones;

    msb_index16 dut (.*);

    initial begin
        for (v = 0; v < 65536; v++) begin
            value = v[15:0];
            // model: shift right until the value is one, counting the shifts
            exp_index = 0;
            k = v;
            while (k > 1) begin
                k = k >> 1;
                exp_index++;
            end
            ones = $countones(value);
            #1;
            if (valid !== (v != 0) || index !== exp_index[3:0] || is_pow2 !== (ones == 1)) begin
                $display("FAIL: value=%h valid=%b index=%0d (exp %0d) is_pow2=%b", value, valid, index, exp_index, is_pow2);
                $finish;
            end
        end
        $display("PASS: all 65536 inputs");
        $finish;
    end
endmodule
