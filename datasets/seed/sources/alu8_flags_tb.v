// Self-checking testbench for alu8_flags: integer arithmetic model over random and corner operands.
module alu8_flags_tb;
    reg  [7:0] a, b;
    reg  [2:0] op;
    reg        cin;
    wire [7:0] y;
    wire zf, nf, cf, vf;
    integer n, ua, ub, sa, sb, r, sr, seed;
    reg [7:0] ey;
    reg ec, ev;

    alu8_flags dut (.a(a), .b(b), .op(op), .cin(cin), .y(y), .zf(zf), .nf(nf), .cf(cf), .vf(vf));

    initial begin
        seed = 23;
        for (n = 0; n < 20000; n = n + 1) begin
            a = $random(seed); b = $random(seed); op = n % 8; cin = $random(seed);
            if (n < 512) begin a = (n / 8) % 4 == 0 ? 8'h80 : (n / 8) % 4 == 1 ? 8'h7f : (n / 8) % 4 == 2 ? 8'hff : 8'h00; b = (n / 32) % 2 ? 8'h01 : 8'h80; end
            ua = a; ub = b;
            sa = (a > 127) ? ua - 256 : ua;
            sb = (b > 127) ? ub - 256 : ub;
            ec = 0; ev = 0;
            case (op)
                0, 2: begin
                    r = ua + ub + ((op == 2) ? cin : 0);
                    sr = sa + sb + ((op == 2) ? cin : 0);
                    ey = r % 256; ec = r > 255; ev = sr > 127 || sr < -128;
                end
                1: begin
                    r = ua - ub; sr = sa - sb;
                    ey = (r + 256) % 256; ec = ua >= ub; ev = sr > 127 || sr < -128;
                end
                3: ey = a & b;
                4: ey = a | b;
                5: ey = a ^ b;
                6: begin ey = (ua * 2) % 256; ec = ua >= 128; end
                default: begin ey = ((sa < 0 ? sa - 1 : sa) / 2 + 256) % 256; ec = ua % 2; end
            endcase
            #1;
            if (y !== ey || cf !== ec || vf !== ev || zf !== (ey == 0) || nf !== ey[7]) begin
                $display("FAIL: op=%0d a=%h b=%h cin=%b y=%h (exp %h) z%b n%b c%b (exp %b) v%b (exp %b)", op, a, b, cin, y, ey, zf, nf, cf, ec, vf, ev);
                $finish;
            end
        end
        $display("PASS: %0d operations", n);
        $finish;
    end
endmodule
