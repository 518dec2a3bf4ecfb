// uart_rx8: 8N1 UART receiver with mid-bit sampling, glitch rejection and framing check.
//
// The asynchronous rx line is synchronized by two flops. A falling edge while
// idle starts a frame (a line that stays low, as after a break or a bad stop
// bit, starts nothing until it has returned high); half a bit time later the line is checked again and a
// start bit that is no longer low is discarded as a glitch. From there the
// line is sampled once per bit time, in the middle of each bit: eight data
// bits, least significant first, then the stop bit. A stop bit of 1 makes
// valid pulse with the byte in data; a stop bit of 0 makes frame_err pulse
// instead (data still shows the bits received). The receiver is ready for
// the next start bit right after sampling the stop bit. Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset; rx serial input
// (idle high); data (8 bits) last received byte; valid one-cycle pulse for a
// good frame; frame_err one-cycle pulse for a bad stop bit; busy high while a
// frame is being received. Parameter CLKS_PER_BIT (default 16, at least 4).
// SPDX-License-Identifier: Apache-2.0
module uart_rx8 #(
    parameter CLKS_PER_BIT = 16
) (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       rx,
    output reg  [7:0] data,
    output reg        valid,
    output reg        frame_err,
    output wire       busy
);
    localparam CW = $clog2(CLKS_PER_BIT);
    localparam [1:0] S_IDLE = 2'd0, S_START = 2'd1, S_DATA = 2'd2, S_STOP = 2'd3;
    localparam integer HALF_I = CLKS_PER_BIT / 2 - 1;
    localparam integer FULL_I = CLKS_PER_BIT - 1;
    localparam [CW-1:0] HALF = HALF_I[CW-1:0];
    localparam [CW-1:0] FULL = FULL_I[CW-1:0];

    reg [1:0]    state;
    reg [CW-1:0] timer;
    reg [2:0]    bit_idx;
    reg          rx_meta, rx_s, rx_prev;

    assign busy = (state != S_IDLE);

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            rx_meta   <= 1'b1;
            rx_s      <= 1'b1;
            rx_prev   <= 1'b1;
            state     <= S_IDLE;
            timer     <= {CW{1'b0}};
            bit_idx   <= 3'd0;
            data      <= 8'h00;
            valid     <= 1'b0;
            frame_err <= 1'b0;
        end else begin
            rx_meta   <= rx;
            rx_s      <= rx_meta;
            rx_prev   <= rx_s;
            valid     <= 1'b0;
            frame_err <= 1'b0;
            case (state)
                S_IDLE: begin
                    timer <= {CW{1'b0}};
                    if (rx_prev && !rx_s) state <= S_START;
                end
                S_START: begin
                    if (timer == HALF) begin
                        timer   <= {CW{1'b0}};
                        bit_idx <= 3'd0;
                        state   <= rx_s ? S_IDLE : S_DATA;
                    end else begin
                        timer <= timer + 1'b1;
                    end
                end
                S_DATA: begin
                    if (timer == FULL) begin
                        timer   <= {CW{1'b0}};
                        data    <= {rx_s, data[7:1]};
                        bit_idx <= bit_idx + 3'd1;
                        if (bit_idx == 3'd7) state <= S_STOP;
                    end else begin
                        timer <= timer + 1'b1;
                    end
                end
                default: begin
                    if (timer == FULL) begin
                        timer     <= {CW{1'b0}};
                        state     <= S_IDLE;
                        valid     <= rx_s;
                        frame_err <= !rx_s;
                    end else begin
                        timer <= timer + 1'b1;
                    end
                end
            endcase
        end
    end
endmodule
