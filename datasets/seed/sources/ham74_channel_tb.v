// Self-checking testbench for ham74_channel: every nibble with no error and with each single-bit error.
module ham74_channel_tb;
    reg clk = 0, rst_n, in_valid;
    reg [3:0] din;
    reg [6:0] flip;
    wire out_valid, fixed_bit;
    wire [3:0] dout;
    wire [6:0] line;
    wire [2:0] err_pos;
    integer v, e, k, ones, n, pos;
    reg [6:0] exp_code;

    ham74_channel dut (.clk(clk), .rst_n(rst_n), .in_valid(in_valid), .din(din), .flip(flip),
                       .out_valid(out_valid), .dout(dout), .fixed_bit(fixed_bit), .err_pos(err_pos), .line(line));
    always #5 clk = ~clk;

    initial begin
        rst_n = 0; in_valid = 0; din = 0; flip = 0; n = 0;
        #12 rst_n = 1;
        for (v = 0; v < 16; v = v + 1) begin
            for (e = -1; e < 7; e = e + 1) begin
                @(negedge clk);
                in_valid = 1; din = v; flip = (e < 0) ? 7'd0 : (7'd1 << e);
                @(posedge clk); #1;
                // independent check of the codeword: data bits sit at positions 3, 5, 6, 7 and
                // every parity group (positions with index bit j set) has even parity
                exp_code = line ^ flip;
                if ({exp_code[6], exp_code[5], exp_code[4], exp_code[2]} !== v[3:0]) begin
                    $display("FAIL: data bits of the codeword for %h are misplaced (%b)", v, exp_code);
                    $finish;
                end
                for (k = 0; k < 3; k = k + 1) begin
                    ones = 0;
                    for (pos = 1; pos <= 7; pos = pos + 1)
                        if (pos & (1 << k)) ones = ones + exp_code[pos-1];
                    if (ones % 2) begin
                        $display("FAIL: parity group %0d of the codeword for %h is odd (%b)", k, v, exp_code);
                        $finish;
                    end
                end
                if (!out_valid || dout !== v[3:0] || fixed_bit !== (e >= 0) || err_pos !== e + 1) begin
                    $display("FAIL: nibble %h error bit %0d decoded %h corrected=%b", v, e, dout, fixed_bit);
                    $finish;
                end
                n = n + 1;
            end
        end
        @(negedge clk) in_valid = 0;
        @(posedge clk); #1;
        if (out_valid) begin
            $display("FAIL: out_valid without in_valid");
            $finish;
        end
        $display("PASS: %0d encode/corrupt/decode cases", n);
        $finish;
    end
endmodule
