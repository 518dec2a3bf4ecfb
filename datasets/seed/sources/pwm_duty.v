// pwm_duty: pulse-width modulator with shadowed period and duty registers.
//
// A free-running counter counts 0 .. period and wraps, so one PWM frame lasts
// period + 1 cycles. The output is high while the counter is below duty, so
// duty = 0 keeps it low and duty > period keeps it high for the whole frame.
// The period and duty inputs are copied into shadow registers only at the
// start of a frame, so a change never produces a truncated or glitched pulse.
// Ports: clk rising-edge clock; rst_n asynchronous active-low reset (counter
// and shadows cleared, output low); en run the counter (when low the counter
// and output hold); period (W bits) frame length minus one; duty (W bits)
// high cycles per frame; pwm the modulated output (registered); frame_start
// one-cycle pulse on the first cycle of every frame. Parameter W (default 8).
// SPDX-License-Identifier: Apache-2.0
module pwm_duty #(
    parameter W = 8
) (
    input  wire         clk,
    input  wire         rst_n,
    input  wire         en,
    input  wire [W-1:0] period,
    input  wire [W-1:0] duty,
    output reg          pwm,
    output reg          frame_start
);
    reg [W-1:0] count;
    reg [W-1:0] period_q;
    reg [W-1:0] duty_q;
    wire        wrap = (count == period_q);

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            count       <= {W{1'b0}};
            period_q    <= {W{1'b0}};
            duty_q      <= {W{1'b0}};
            pwm         <= 1'b0;
            frame_start <= 1'b0;
        end else begin
            frame_start <= 1'b0;
            if (en) begin
                if (wrap) begin
                    count       <= {W{1'b0}};
                    period_q    <= period;
                    duty_q      <= duty;
                    pwm         <= (duty != {W{1'b0}});
                    frame_start <= 1'b1;
                end else begin
                    count <= count + 1'b1;
                    pwm   <= (count + 1'b1 < duty_q);
                end
            end
        end
    end
endmodule
