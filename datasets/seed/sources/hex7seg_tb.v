// Self-checking testbench for hex7seg: per-segment digit masks, both polarities.
module hex7seg_tb;
    reg [3:0] hex;
    reg blank, dp_in;
    wire [6:0] seg_h, seg_l;
    wire dp_h, dp_l;
    reg [15:0] lit_for [0:6];   // for each segment a..g, the digits that light it
    reg [6:0] exp;
    integer v, s, n;

    hex7seg #(.ACTIVE_LOW(0)) dut_h (.hex(hex), .blank(blank), .dp_in(dp_in), .seg(seg_h), .dp(dp_h));
    hex7seg #(.ACTIVE_LOW(1)) dut_l (.hex(hex), .blank(blank), .dp_in(dp_in), .seg(seg_l), .dp(dp_l));

    initial begin
        // bit d of each mask is digit d; top segment a is off for 1, 4, b and d, and so on
        lit_for[0] = 16'b1101_0111_1110_1101;  // a
        lit_for[1] = 16'b0010_0111_1001_1111;  // b
        lit_for[2] = 16'b0010_1111_1111_1011;  // c
        lit_for[3] = 16'b0111_1011_0110_1101;  // d
        lit_for[4] = 16'b1111_1101_0100_0101;  // e
        lit_for[5] = 16'b1101_1111_0111_0001;  // f
        lit_for[6] = 16'b1110_1111_0111_1100;  // g
        n = 0;
        for (v = 0; v < 64; v = v + 1) begin
            hex = v[3:0]; blank = v[4]; dp_in = v[5];
            for (s = 0; s < 7; s = s + 1) exp[s] = lit_for[s][hex] & ~blank;
            #1;
            if (seg_h !== exp || seg_l !== ~exp || dp_h !== (dp_in & ~blank) || dp_l !== ~(dp_in & ~blank)) begin
                $display("FAIL: hex=%h blank=%b dp_in=%b seg=%b (exp %b) seg_low=%b dp=%b", hex, blank, dp_in, seg_h, exp, seg_l, dp_h);
                $finish;
            end
            n = n + 1;
        end
        $display("PASS: %0d input combinations, both polarities", n);
        $finish;
    end
endmodule
