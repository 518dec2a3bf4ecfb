// Self-checking testbench for tick_divider: tick spacing for several ratios, enable gaps, clear.
module tick_divider_tb;
    reg clk = 0, rst_n, clear, en;
    reg [15:0] div;
    wire tick;
    integer r, n, since, ticks, seed;
    integer ratios [0:5];

    tick_divider #(.W(16)) dut (.clk(clk), .rst_n(rst_n), .clear(clear), .en(en), .div(div), .tick(tick));
    always #5 clk = ~clk;

    initial begin
        ratios[0] = 0; ratios[1] = 1; ratios[2] = 2; ratios[3] = 5; ratios[4] = 13; ratios[5] = 100;
        seed = 11; rst_n = 0; clear = 0; en = 0; div = 0;
        #17 rst_n = 1;
        for (r = 0; r < 6; r = r + 1) begin
            @(negedge clk);
            div = ratios[r]; clear = 1; en = 0;
            @(negedge clk);
            clear = 0;
            since = 0; ticks = 0;
            for (n = 0; n < 1500; n = n + 1) begin
                en = ($random(seed) % 4) != 0;
                #1;
                // model: the tick comes on the div-th enabled cycle after the last tick or clear
                if (en) since = since + 1;
                if (tick !== (en && since >= (ratios[r] > 1 ? ratios[r] : 1))) begin
                    $display("FAIL: div=%0d step %0d tick=%b en=%b enabled cycles since last tick=%0d", ratios[r], n, tick, en, since);
                    $finish;
                end
                if (tick) begin
                    since = 0;
                    ticks = ticks + 1;
                end
                @(negedge clk);
            end
            if (ticks == 0) begin
                $display("FAIL: no tick for div=%0d", ratios[r]);
                $finish;
            end
        end
        $display("PASS: six division ratios checked");
        $finish;
    end
endmodule
