// pulse_xing: toggle-based single-pulse synchronizer between two unrelated clock domains.
//
// A one-cycle pulse in the source domain flips a toggle flop. The toggle is
// carried into the destination domain through two synchronizer flops plus
// one more flop; the XOR of the last two gives exactly one destination-cycle
// pulse per source pulse, whatever the clock ratio. The synchronized toggle
// is returned to the source domain through two more flops as an
// acknowledge; until it comes back the crossing is busy and further source
// pulses are not sent but reported on src_drop, so no pulse is ever silently
// merged. Ports: src_clk, src_rst_n source clock and asynchronous active-low
// reset; src_pulse one-cycle request; src_busy a crossing is in flight;
// src_drop one-cycle flag for a pulse refused while busy (combinational);
// dst_clk, dst_rst_n destination clock and asynchronous active-low reset;
// dst_pulse one-cycle pulse in the destination domain (registered).
// SPDX-License-Identifier: Apache-2.0
module pulse_xing (
    input  wire src_clk,
    input  wire src_rst_n,
    input  wire src_pulse,
    output wire src_busy,
    output wire src_drop,
    input  wire dst_clk,
    input  wire dst_rst_n,
    output reg  dst_pulse
);
    reg src_tog;
    reg ack_meta, ack_sync;
    reg dst_meta, dst_sync, dst_last;

    assign src_busy = (src_tog != ack_sync);
    assign src_drop = src_pulse && src_busy;

    always @(posedge src_clk or negedge src_rst_n) begin
        if (!src_rst_n) begin
            src_tog  <= 1'b0;
            ack_meta <= 1'b0;
            ack_sync <= 1'b0;
        end else begin
            if (src_pulse && !src_busy) src_tog <= ~src_tog;
            ack_meta <= dst_last;
            ack_sync <= ack_meta;
        end
    end

    always @(posedge dst_clk or negedge dst_rst_n) begin
        if (!dst_rst_n) begin
            dst_meta  <= 1'b0;
            dst_sync  <= 1'b0;
            dst_last  <= 1'b0;
            dst_pulse <= 1'b0;
        end else begin
            dst_meta  <= src_tog;
            dst_sync  <= dst_meta;
            dst_last  <= dst_sync;
            dst_pulse <= dst_sync ^ dst_last;
        end
    end
endmodule
