// stream_fork2: valid/ready broadcast that delivers each input word to two consumers exactly once.
//
// The input word is offered to both outputs at the same time. Each output
// may accept it on a different cycle; a per-output taken flag remembers an
// early acceptance so that output's valid drops while the other consumer is
// still waiting. The input is acknowledged (in_ready) on the cycle in which
// the last outstanding consumer accepts, which also clears both flags. The
// data path is not registered (zero latency). Ports: clk rising-edge clock;
// rst synchronous active-high reset (nothing taken); in_valid, in_ready,
// in_data (W bits) the input stream; a_valid, a_ready, a_data and b_valid,
// b_ready, b_data (W bits) the two output streams. Parameter W (default 16).
// SPDX-License-Identifier: Apache-2.0
module stream_fork2 #(
    parameter int W = 16
) (
    input  logic         clk,
    input  logic         rst,
    input  logic         in_valid,
    output logic         in_ready,
    input  logic [W-1:0] in_data,
    output logic         a_valid,
    input  logic         a_ready,
    output logic [W-1:0] a_data,
    output logic         b_valid,
    input  logic         b_ready,
    output logic [W-1:0] b_data
);
    logic taken_a, taken_b;

    assign a_valid  = in_valid && !taken_a;
    assign b_valid  = in_valid && !taken_b;
    assign a_data   = in_data;
    assign b_data   = in_data;
    assign in_ready = (taken_a || a_ready) && (taken_b || b_ready);

    always_ff @(posedge clk) begin
        if (rst || (in_valid && in_ready)) begin
            taken_a <= 1'b0;
            taken_b <= 1'b0;
        end else begin
            if (a_valid && a_ready) taken_a <= 1'b1;
            if (b_valid && b_ready) taken_b <= 1'b1;
        end
    end
endmodule
