// Self-checking testbench for crc8_serial: known check value, byte-wise table model, residue check.
module crc8_serial_tb;
    reg clk = 0, rst_n, start, bit_valid, bit_in;
    wire [7:0] crc;
    wire is_zero;
    reg [7:0] msg [0:15];
    reg [7:0] exp_crc;
    reg [7:0] table_ [0:255];
    integer i, j, m, len, seed;
    reg [7:0] t;

    crc8_serial dut (.clk(clk), .rst_n(rst_n), .start(start), .bit_valid(bit_valid), .bit_in(bit_in), .crc(crc), .is_zero(is_zero));
    always #5 clk = ~clk;

    task send_byte(input [7:0] b);
        integer k;
        for (k = 7; k >= 0; k = k - 1) begin
            // idle cycles in between must not change the remainder
            if (($random(seed) & 3) == 0) begin
                @(negedge clk); bit_valid = 0; bit_in = ~b[k];
            end
            @(negedge clk);
            bit_valid = 1; bit_in = b[k];
        end
        @(negedge clk);
        bit_valid = 0;
    endtask

    task restart;
        begin
            @(negedge clk); start = 1; bit_valid = 1; bit_in = 1;
            @(negedge clk); start = 0; bit_valid = 0;
        end
    endtask

    initial begin
        seed = 1; rst_n = 0; start = 0; bit_valid = 0; bit_in = 0;
        // byte-at-a-time lookup table built from the polynomial
        for (i = 0; i < 256; i = i + 1) begin
            t = i;
            for (j = 0; j < 8; j = j + 1) t = t[7] ? ((t << 1) ^ 8'h07) : (t << 1);
            table_[i] = t;
        end
        #12 rst_n = 1;
        // "123456789" -> 0xF4
        for (i = 0; i < 9; i = i + 1) send_byte(8'h31 + i);
        if (crc !== 8'hF4) begin
            $display("FAIL: check value %h, expected f4", crc);
            $finish;
        end
        for (m = 0; m < 40; m = m + 1) begin
            restart;
            len = 1 + ($random(seed) & 15);
            exp_crc = 8'h00;
            for (i = 0; i < len; i = i + 1) begin
                msg[i] = $random(seed);
                exp_crc = table_[exp_crc ^ msg[i]];
                send_byte(msg[i]);
            end
            if (crc !== exp_crc) begin
                $display("FAIL: message %0d length %0d crc %h expected %h", m, len, crc, exp_crc);
                $finish;
            end
            // appending the CRC gives a zero residue
            send_byte(exp_crc);
            if (!is_zero) begin
                $display("FAIL: message %0d residue %h is not zero", m, crc);
                $finish;
            end
        end
        $display("PASS: check value and 40 random messages");
        $finish;
    end
endmodule
