// Self-checking testbench for uart_rx8: frames with jittered baud, bad stop bits and glitches.
module uart_rx8_tb;
    localparam CPB = 16;
    reg clk = 0, rst_n, rx;
    wire [7:0] data;
    wire valid, frame_err, busy;
    integer n, b, seed, goods, bads, seen_valid, seen_err;
    reg [7:0] byte_;
    reg [7:0] got;
    reg stop_ok;

    uart_rx8 #(.CLKS_PER_BIT(CPB)) dut (.clk(clk), .rst_n(rst_n), .rx(rx), .data(data), .valid(valid),
                                        .frame_err(frame_err), .busy(busy));
    always #5 clk = ~clk;

    // watch the outputs continuously and remember what was reported
    always @(posedge clk) begin
        if (valid) begin seen_valid = seen_valid + 1; got = data; end
        if (frame_err) seen_err = seen_err + 1;
    end

    // one bit on the line, its length in cycles jittered by up to one cycle
    task drive_bit(input v);
        integer len;
        begin
            rx = v;
            len = CPB + (($random(seed) % 2));
            repeat (len) @(negedge clk);
        end
    endtask

    initial begin
        seed = 31; rst_n = 0; rx = 1; goods = 0; bads = 0; seen_valid = 0; seen_err = 0;
        #12 rst_n = 1;
        repeat (20) @(negedge clk);
        for (n = 0; n < 80; n = n + 1) begin
            byte_ = $random(seed);
            stop_ok = (n % 9) != 4;
            drive_bit(1'b0);
            for (b = 0; b < 8; b = b + 1) drive_bit(byte_[b]);
            drive_bit(stop_ok);
            rx = 1'b1;
            repeat (CPB + ($random(seed) & 7)) @(negedge clk);
            if (stop_ok) begin
                goods = goods + 1;
                if (seen_valid !== goods || seen_err !== bads || got !== byte_) begin
                    $display("FAIL: frame %0d sent %h, valid count %0d (exp %0d) err count %0d data %h", n, byte_, seen_valid, goods, seen_err, got);
                    $finish;
                end
            end else begin
                bads = bads + 1;
                if (seen_err !== bads || seen_valid !== goods) begin
                    $display("FAIL: frame %0d with a bad stop bit: err count %0d (exp %0d) valid count %0d", n, seen_err, bads, seen_valid);
                    $finish;
                end
            end
            // a short low glitch on the idle line is not a start bit
            if (n % 10 == 0) begin
                rx = 1'b0;
                repeat (CPB / 4) @(negedge clk);
                rx = 1'b1;
                repeat (2 * CPB) @(negedge clk);
                if (busy || seen_valid !== goods || seen_err !== bads) begin
                    $display("FAIL: glitch after frame %0d was taken as a frame", n);
                    $finish;
                end
            end
        end
        $display("PASS: %0d good frames, %0d bad stop bits flagged", goods, bads);
        $finish;
    end
endmodule
