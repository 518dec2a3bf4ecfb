// switch_filter: synchronizing debouncer that accepts a new level only after it is stable.
//
// The raw input first passes a two-flop synchronizer. The filtered output
// level changes only when the synchronized input has differed from it on
// STABLE consecutive clock cycles; any cycle on which they agree restarts the
// count, so bounces shorter than STABLE cycles never reach the output. When
// the output changes, rise or fall pulses for one cycle with it. Ports: clk
// rising-edge clock; rst_n asynchronous active-low reset (output, synchronizer
// and count cleared to 0); raw the bouncy asynchronous input; level the
// debounced output; rise one-cycle pulse when level goes 0->1; fall one-cycle
// pulse when level goes 1->0. Parameter STABLE (>= 2) is the number of
// agreeing cycles required.
// SPDX-License-Identifier: Apache-2.0
module switch_filter #(
    parameter STABLE = 8
) (
    input  wire clk,
    input  wire rst_n,
    input  wire raw,
    output reg  level,
    output reg  rise,
    output reg  fall
);
    localparam CW = $clog2(STABLE + 1);

    reg          sync_a, sync_b;
    reg [CW-1:0] run;

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            sync_a <= 1'b0;
            sync_b <= 1'b0;
            run    <= {CW{1'b0}};
            level  <= 1'b0;
            rise   <= 1'b0;
            fall   <= 1'b0;
        end else begin
            sync_a <= raw;
            sync_b <= sync_a;
            rise   <= 1'b0;
            fall   <= 1'b0;
            if (sync_b == level) begin
                run <= {CW{1'b0}};
            end else if (run == STABLE - 1) begin
                run   <= {CW{1'b0}};
                level <= sync_b;
                rise  <= sync_b;
                fall  <= ~sync_b;
            end else begin
                run <= run + 1'b1;
            end
        end
    end
endmodule
