// boxcar_avg: streaming moving average over the last 2**LOG2N samples with a running sum.
//
// Samples are kept in a shift register of N = 2**LOG2N entries. Each valid
// input adds the new sample to a running sum and subtracts the one that falls
// out of the window, so the cost does not grow with N. The average is the
// sum shifted right by LOG2N (rounded toward zero) and is registered, so it
// appears with out_valid one cycle after the sample. Until N samples have
// been seen the missing ones count as zero, and primed stays low. Ports:
// clk rising-edge clock; rst synchronous active-high reset (window and sum
// zero); in_valid a sample is presented; din (DW bits, unsigned) sample;
// out_valid one-cycle pulse with each new average; avg (DW bits) the
// average of the window; primed high once the window is full. Parameters DW
// (default 8), LOG2N (default 3).
// SPDX-License-Identifier: Apache-2.0
module boxcar_avg #(
    parameter int DW    = 8,
    parameter int LOG2N = 3
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          in_valid,
    input  logic [DW-1:0] din,
    output logic          out_valid,
    output logic [DW-1:0] avg,
    output logic          primed
);
    localparam int N  = 1 << LOG2N;
    localparam int SW = DW + LOG2N;

    logic [N-1:0][DW-1:0] window;   // window[N-1] is the oldest sample
    logic [SW-1:0]        sum, next_sum;
    logic [LOG2N:0]       seen;

    assign next_sum = sum + SW'(din) - SW'(window[N-1]);

    always_ff @(posedge clk) begin
        if (rst) begin
            window    <= '0;
            sum       <= '0;
            seen      <= '0;
            out_valid <= 1'b0;
            avg       <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                window <= {window[N-2:0], din};
                sum    <= next_sum;
                avg    <= next_sum[SW-1:LOG2N];
                if (!seen[LOG2N]) seen <= seen + 1'b1;
            end
        end
    end

    assign primed = seen[LOG2N];
endmodule
