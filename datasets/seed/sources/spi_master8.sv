// spi_master8: SPI mode-0 master that exchanges one byte per transfer, MSB first.
//
// A start request while idle lowers cs_n and begins an 8-bit full-duplex
// exchange. The serial clock idles low; each half period lasts HALF system
// clock cycles. mosi changes on falling sclk edges (the first bit is set up
// when cs_n falls) and miso is sampled on rising edges, so both sides see
// stable data for half a period. After the eighth falling edge cs_n returns
// high, rx_byte holds the received byte and done pulses. Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset; start begin a
// transfer (ignored while busy); tx_byte (8 bits) byte to send, sampled with
// start; busy high during a transfer; done one-cycle pulse at its end;
// rx_byte (8 bits) byte received; sclk serial clock; mosi serial data out;
// miso serial data in; cs_n active-low chip select. Parameter HALF
// (default 4, at least 1).
// SPDX-License-Identifier: Apache-2.0
module spi_master8 #(
    parameter int HALF = 4
) (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       start,
    input  logic [7:0] tx_byte,
    output logic       busy,
    output logic       done,
    output logic [7:0] rx_byte,
    output logic       sclk,
    output logic       mosi,
    input  logic       miso,
    output logic       cs_n
);
    localparam int HW = (HALF > 1) ? $clog2(HALF) : 1;

    logic [HW-1:0] half_cnt;
    logic [3:0]    edges;      // sclk edges done in this transfer
    logic [7:0]    tx_sh, rx_sh;
    logic          half_end;

    assign half_end = (half_cnt == HW'(HALF - 1));
    assign mosi     = tx_sh[7];
    assign cs_n     = !busy;

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            busy     <= 1'b0;
            done     <= 1'b0;
            sclk     <= 1'b0;
            half_cnt <= '0;
            edges    <= '0;
            tx_sh    <= '0;
            rx_sh    <= '0;
            rx_byte  <= '0;
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (start) begin
                    busy     <= 1'b1;
                    tx_sh    <= tx_byte;
                    half_cnt <= '0;
                    edges    <= '0;
                end
            end else if (!half_end) begin
                half_cnt <= half_cnt + 1'b1;
            end else begin
                half_cnt <= '0;
                sclk     <= !sclk;
                edges    <= edges + 1'b1;
                if (!sclk) begin
                    rx_sh <= {rx_sh[6:0], miso};          // rising edge: sample
                end else if (edges == 4'd15) begin
                    busy    <= 1'b0;                      // last falling edge
                    done    <= 1'b1;
                    rx_byte <= rx_sh;
                end else begin
                    tx_sh <= {tx_sh[6:0], 1'b0};          // falling edge: next bit out
                end
            end
        end
    end
endmodule
