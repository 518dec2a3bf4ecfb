// Self-checking testbench for be_word_ram: byte-array model with random partial writes and reads.
module be_word_ram_tb;
    localparam int NB = 4, AW = 3;
    logic clk = 0, rst, we, re;
    logic [AW-1:0] waddr, raddr;
    logic [8*NB-1:0] wdata, rdata, exp_rd;
    logic [NB-1:0] be;
    logic [7:0] bytes [8][NB];
    int cyc, seed, w, b;

    be_word_ram #(.NB(NB), .AW(AW)) dut (.*);
    always #5 clk = ~clk;

    initial begin
        rst = 1; we = 0; re = 0; waddr = 0; raddr = 0; wdata = 0; be = 0; seed = 27; exp_rd = 0;
        for (w = 0; w < 8; w++) for (b = 0; b < NB; b++) bytes[w][b] = 0;
        @(negedge clk); @(negedge clk);
        rst = 0;
        for (cyc = 0; cyc < 5000; cyc++) begin
            we = $random(seed); re = $random(seed);
            waddr = $random(seed); raddr = (cyc % 5 == 0) ? waddr : $random(seed);
            wdata = $random(seed); be = $random(seed);
            // the read sees the contents before this cycle's write
            if (re) for (b = 0; b < NB; b++) exp_rd[8*b +: 8] = bytes[raddr][b];
            @(posedge clk); #1;
            if (we) for (b = 0; b < NB; b++) if (be[b]) bytes[waddr][b] = wdata[8*b +: 8];
            if (rdata !== exp_rd) begin
                $display("FAIL: cycle %0d rdata=%h expected %h (raddr %0d)", cyc, rdata, exp_rd, raddr);
                $finish;
            end
            @(negedge clk);
        end
        $display("PASS: %0d cycles of byte-masked traffic", cyc);
        $finish;
    end
endmodule
