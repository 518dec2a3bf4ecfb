// Self-checking testbench for bcd_counter4: compares against an integer counter modulo 10000.
module bcd_counter4_tb;
    reg clk = 0, rst_n, clear, en, down;
    wire [15:0] bcd;
    wire wrap;
    integer value, cyc, seed, wraps, exp_wrap;
    reg [15:0] exp_bcd;

    bcd_counter4 dut (.clk(clk), .rst_n(rst_n), .clear(clear), .en(en), .down(down), .bcd(bcd), .wrap(wrap));
    always #5 clk = ~clk;

    initial begin
        seed = 12; rst_n = 0; clear = 0; en = 0; down = 0; value = 0; wraps = 0;
        #12 rst_n = 1;
        for (cyc = 0; cyc < 40000; cyc = cyc + 1) begin
            @(negedge clk);
            en = ($random(seed) % 8) != 0;
            // long runs in each direction so both wrap points are crossed
            down = (cyc / 12000) % 2;
            clear = (cyc == 30500);
            #1;
            exp_wrap = en && !clear && (down ? value == 0 : value == 9999);
            if (wrap !== exp_wrap[0] && !clear) begin
                $display("FAIL: cycle %0d wrap=%b expected %0d at value %0d", cyc, wrap, exp_wrap, value);
                $finish;
            end
            if (clear) value = 0;
            else if (en) value = down ? (value + 9999) % 10000 : (value + 1) % 10000;
            if (exp_wrap) wraps = wraps + 1;
            @(posedge clk); #1;
            exp_bcd = ((value / 1000) % 10) * 4096 + ((value / 100) % 10) * 256 + ((value / 10) % 10) * 16 + value % 10;
            if (bcd !== exp_bcd) begin
                $display("FAIL: cycle %0d bcd=%h expected %h (value %0d)", cyc, bcd, exp_bcd, value);
                $finish;
            end
        end
        if (wraps < 2) begin
            $display("FAIL: only %0d wraps exercised", wraps);
            $finish;
        end
        $display("PASS: %0d cycles, %0d wraps", cyc, wraps);
        $finish;
    end
endmodule
