// tick_divider: clock-enable generator that pulses once every DIV enabled cycles.
//
// Instead of making a slower clock, the block produces a one-cycle enable
// pulse (tick) for logic that runs on the main clock. A counter counts
// enabled cycles; on the cycle where it reaches div - 1 the tick output is
// high and the counter restarts, so ticks are div cycles apart. div values 0
// and 1 both give a tick on every enabled cycle. A synchronous clear restarts
// the count without a tick. Ports: clk rising-edge clock; rst_n asynchronous
// active-low reset; clear restart the count from zero; en count this cycle
// (no tick when low); div (W bits) the division ratio; tick the enable pulse
// (combinational from the count, en and div). Parameter W (default 16).
// SPDX-License-Identifier: Apache-2.0
module tick_divider #(
    parameter W = 16
) (
    input  wire         clk,
    input  wire         rst_n,
    input  wire         clear,
    input  wire         en,
    input  wire [W-1:0] div,
    output wire         tick
);
    reg  [W-1:0] count;
    wire         last = (div <= 1) || (count >= div - 1'b1);

    assign tick = en && last;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) count <= {W{1'b0}};
        else if (clear || tick) count <= {W{1'b0}};
        else if (en) count <= count + 1'b1;
    end
endmodule
