// uart_loopback: UART transmitter and receiver pair with a selectable internal loopback path.
//
// Instantiates uart_tx8 and uart_rx8 with the same bit time. In normal mode
// the transmitter drives tx_pin and the receiver listens to rx_pin; with
// loop_en high the receiver listens to the transmitter's own output instead
// (tx_pin then stays idle high) so a host can self-test the link. Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset; loop_en select the
// internal loopback; send start transmitting tx_data; tx_data (8 bits) byte
// to send; tx_busy transmitter busy; tx_done one-cycle pulse when a frame
// has been sent; tx_pin serial output; rx_pin serial input; rx_data (8 bits)
// last received byte; rx_valid one-cycle pulse per good byte; rx_bad
// one-cycle pulse per frame with a bad stop bit; rx_busy receiver busy.
// Parameter CLKS_PER_BIT (default 16).
// SPDX-License-Identifier: Apache-2.0
module uart_loopback #(
    parameter CLKS_PER_BIT = 16
) (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       loop_en,
    input  wire       send,
    input  wire [7:0] tx_data,
    output wire       tx_busy,
    output wire       tx_done,
    output wire       tx_pin,
    input  wire       rx_pin,
    output wire [7:0] rx_data,
    output wire       rx_valid,
    output wire       rx_bad,
    output wire       rx_busy
);
    wire line_out;

    uart_tx8 #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
        .clk(clk), .rst_n(rst_n), .send(send), .data(tx_data),
        .tx(line_out), .busy(tx_busy), .done(tx_done)
    );

    uart_rx8 #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
        .clk(clk), .rst_n(rst_n), .rx(loop_en ? line_out : rx_pin),
        .data(rx_data), .valid(rx_valid), .frame_err(rx_bad), .busy(rx_busy)
    );

    assign tx_pin = loop_en ? 1'b1 : line_out;
endmodule
