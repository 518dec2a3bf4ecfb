// window_wdt: windowed watchdog that faults on a kick that is too late or too early.
//
// After enable, software must kick the watchdog inside a window: not before
// OPEN cycles have passed since the last kick (or enable) and not after
// CLOSE cycles. A kick inside the window restarts the count. A kick before
// the window opens (a runaway loop kicking too often) and a missing kick by
// the end of the window (a hang) both raise the sticky fault output with a
// cause code, and hold the count until a disable. While faulted, kicks are
// ignored. Ports: clk rising-edge clock; rst_n asynchronous active-low reset
// (disabled, no fault); enable run the watchdog (low clears count and
// fault); kick service pulse; elapsed (16 bits) cycles since the last kick;
// window_open high while a kick would be accepted; fault sticky bite;
// cause (2 bits) 0 none, 1 early kick, 2 timeout. Parameters OPEN and CLOSE
// (cycles, 1 <= OPEN < CLOSE < 65535).
// SPDX-License-Identifier: Apache-2.0
module window_wdt #(
    parameter int OPEN  = 100,
    parameter int CLOSE = 400
) (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        enable,
    input  logic        kick,
    output logic [15:0] elapsed,
    output logic        window_open,
    output logic        fault,
    output logic [1:0]  cause
);
    localparam logic [1:0] CAUSE_NONE = 2'd0, CAUSE_EARLY = 2'd1, CAUSE_LATE = 2'd2;

    assign window_open = enable && !fault && (elapsed >= 16'(OPEN)) && (elapsed <= 16'(CLOSE));

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            elapsed <= '0;
            fault   <= 1'b0;
            cause   <= CAUSE_NONE;
        end else if (!enable) begin
            elapsed <= '0;
            fault   <= 1'b0;
            cause   <= CAUSE_NONE;
        end else if (!fault) begin
            if (kick && window_open) begin
                elapsed <= '0;
            end else if (kick) begin
                fault <= 1'b1;
                cause <= CAUSE_EARLY;
            end else if (elapsed == 16'(CLOSE)) begin
                fault <= 1'b1;
                cause <= CAUSE_LATE;
            end else begin
                elapsed <= elapsed + 16'd1;
            end
        end
    end
endmodule
