// pulse_stretch: retriggerable pulse stretcher with a programmable hold time.
//
// A one-cycle trigger starts an output pulse that stays high for exactly
// hold + 1 clock cycles, beginning on the cycle after the trigger. A trigger
// that arrives while the pulse is active restarts the hold period, so a
// train of closely spaced triggers produces one long pulse. A hold of zero
// gives a one-cycle copy of the trigger delayed by one clock. Ports: clk
// rising-edge clock; rst synchronous active-high reset (output low); trig
// start or restart the pulse; hold (W bits) extra cycles the pulse lasts
// beyond the first, sampled with the trigger; active the stretched pulse;
// remaining (W bits) cycles left after the current one while active.
// Parameter W (default 6) is the width of the hold counter.
// SPDX-License-Identifier: Apache-2.0
module pulse_stretch #(
    parameter int W = 6
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         trig,
    input  logic [W-1:0] hold,
    output logic         active,
    output logic [W-1:0] remaining
);
    always_ff @(posedge clk) begin
        if (rst) begin
            active    <= 1'b0;
            remaining <= '0;
        end else if (trig) begin
            active    <= 1'b1;
            remaining <= hold;
        end else if (active) begin
            if (remaining == '0) active <= 1'b0;
            else remaining <= remaining - 1'b1;
        end
    end
endmodule
