// Self-checking testbench for spi_master8: a behavioural mode-0 slave exchanges random bytes.
module spi_master8_tb;
    localparam int HALF = 3;
    logic clk = 0, rst_n, start;
    logic [7:0] tx_byte, rx_byte;
    logic busy, done, sclk, mosi, miso, cs_n;
    logic [7:0] slave_out, slave_in, slave_sh, exp_tx;
    int n, seed, rises, t_last_rise, period_bad;

    spi_master8 #(.HALF(HALF)) dut (.*);
    always #5 clk = ~clk;

    // slave: present the MSB when selected, shift on sclk edges
    always @(negedge cs_n) begin
        slave_sh = slave_out;
        miso = slave_sh[7];
        rises = 0;
        t_last_rise = -1;
    end
    always @(posedge sclk) if (!cs_n) begin
        slave_in = {slave_in[6:0], mosi};
        rises++;
        if (t_last_rise >= 0 && $time - t_last_rise != 2 * HALF * 10) period_bad = 1;
        t_last_rise = $time;
    end
    always @(negedge sclk) if (!cs_n) begin
        slave_sh = {slave_sh[6:0], 1'b0};
        miso = slave_sh[7];
    end
    always @(posedge sclk) if (cs_n) period_bad = 1;   // no clock without select

    initial begin
        seed = 77; rst_n = 0; start = 0; tx_byte = 0; miso = 0; period_bad = 0;
        #12 rst_n = 1;
        for (n = 0; n < 50; n++) begin
            @(negedge clk);
            tx_byte = (n == 0) ? 8'h81 : $random(seed);
            slave_out = (n == 1) ? 8'h01 : $random(seed);
            exp_tx = tx_byte;
            start = 1;
            @(negedge clk);
            start = 0;
            tx_byte = 8'h00;
            if (!busy || cs_n) begin
                $display("FAIL: transfer %0d did not start", n);
                $finish;
            end
            // a second start while busy is ignored
            start = 1;
            @(negedge clk);
            start = 0;
            fork : wait_done
                begin @(posedge done); disable wait_done; end
                begin repeat (200) @(negedge clk); $display("FAIL: transfer %0d never finished", n); $finish; end
            join
            @(negedge clk);
            if (rx_byte !== slave_out || slave_in !== exp_tx || rises != 8 || !cs_n || sclk) begin
                $display("FAIL: transfer %0d master got %h (slave sent %h), slave got %h, %0d clocks", n, rx_byte, slave_out, slave_in, rises);
                $finish;
            end
            if (period_bad) begin
                $display("FAIL: sclk period or idle clocking wrong in transfer %0d", n);
                $finish;
            end
        end
        $display("PASS: %0d byte exchanges", n);
        $finish;
    end
endmodule
