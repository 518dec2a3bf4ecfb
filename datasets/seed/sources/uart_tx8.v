// uart_tx8: 8N1 UART transmitter paced by a tick_divider clock enable.
//
// A send request while idle latches data and transmits one frame: a start
// bit (0), the eight data bits least significant first, and a stop bit (1),
// each lasting CLKS_PER_BIT clock cycles. Bit timing comes from a
// tick_divider instance that is held clear while idle, so the first bit
// starts on the cycle after the request. Requests while busy are ignored.
// Ports: clk rising-edge clock; rst_n asynchronous active-low reset (line
// idle high); send start a frame; data (8 bits) byte to send, sampled with
// send; tx serial output, high when idle; busy high from the cycle after an
// accepted send until the stop bit has ended; done one-cycle pulse at the
// end of the stop bit. Parameter CLKS_PER_BIT (default 16, at least 2).
// SPDX-License-Identifier: Apache-2.0
module uart_tx8 #(
    parameter CLKS_PER_BIT = 16
) (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       send,
    input  wire [7:0] data,
    output wire       tx,
    output reg        busy,
    output reg        done
);
    reg  [9:0] frame;     // stop, data[7:0], start; bit 0 is on the line
    reg  [3:0] sent;      // bits completed in this frame
    wire       bit_end;

    tick_divider #(.W(16)) u_baud (
        .clk(clk), .rst_n(rst_n), .clear(!busy), .en(busy),
        .div(CLKS_PER_BIT[15:0]), .tick(bit_end)
    );

    assign tx = busy ? frame[0] : 1'b1;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            frame <= 10'h3ff;
            sent  <= 4'd0;
            busy  <= 1'b0;
            done  <= 1'b0;
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (send) begin
                    frame <= {1'b1, data, 1'b0};
                    sent  <= 4'd0;
                    busy  <= 1'b1;
                end
            end else if (bit_end) begin
                frame <= {1'b1, frame[9:1]};
                if (sent == 4'd9) begin
                    busy <= 1'b0;
                    done <= 1'b1;
                end else begin
                    sent <= sent + 4'd1;
                end
            end
        end
    end
endmodule
