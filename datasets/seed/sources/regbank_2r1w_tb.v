// Self-checking testbench for regbank_2r1w: random reads and writes, including same-address bypass.
module regbank_2r1w_tb;
    reg clk = 0, we;
    reg [3:0] waddr, raddr_a, raddr_b;
    reg [15:0] wdata;
    wire [15:0] rdata_a, rdata_b;
    reg [15:0] model [0:15];
    reg [15:0] exp_a, exp_b;
    integer i, cyc, seed, bypasses;

    regbank_2r1w #(.W(16), .AW(4)) dut (.clk(clk), .we(we), .waddr(waddr), .wdata(wdata), .raddr_a(raddr_a),
                                        .raddr_b(raddr_b), .rdata_a(rdata_a), .rdata_b(rdata_b));
    always #5 clk = ~clk;

    initial begin
        seed = 99; bypasses = 0;
        // fill every register first
        for (i = 0; i < 16; i = i + 1) begin
            @(negedge clk);
            we = 1; waddr = i; wdata = $random(seed); model[i] = wdata;
            raddr_a = 0; raddr_b = 0;
        end
        for (cyc = 0; cyc < 3000; cyc = cyc + 1) begin
            @(negedge clk);
            we = $random(seed);
            waddr = $random(seed);
            wdata = $random(seed);
            raddr_a = $random(seed);
            raddr_b = (cyc % 4 == 0) ? waddr : $random(seed);
            exp_a = (we && raddr_a == waddr) ? wdata : model[raddr_a];
            exp_b = (we && raddr_b == waddr) ? wdata : model[raddr_b];
            if (we && (raddr_a == waddr || raddr_b == waddr)) bypasses = bypasses + 1;
            @(posedge clk); #1;
            if (we) model[waddr] = wdata;
            if (rdata_a !== exp_a || rdata_b !== exp_b) begin
                $display("FAIL: cycle %0d port a %h (exp %h) port b %h (exp %h)", cyc, rdata_a, exp_a, rdata_b, exp_b);
                $finish;
            end
        end
        $display("PASS: %0d cycles, %0d forwarded reads", cyc, bypasses);
        $finish;
    end
endmodule
