// ring_fifo: synchronous circular-buffer FIFO with a registered read port and sticky error flags.
//
// Words are written at the tail and read from the head of a 2**AW-entry
// memory; both pointers carry one extra wrap bit so full and empty are told
// apart without a separate flag. A pop loads the head word into rd_data on
// the next clock edge (standard, not first-word-fall-through, timing). A push
// is accepted only when the FIFO is not full and a pop only when it is not
// empty; a refused push sets the sticky overflow flag and a refused pop the
// sticky underflow flag, both cleared only by reset. Ports: clk rising-edge
// clock; rst synchronous active-high reset (empty, flags clear, rd_data 0);
// push write wr_data this cycle; wr_data (W bits); pop read one word; rd_data
// (W bits) the word read by the last accepted pop; count (AW+1 bits) words
// stored; empty; full; almost_full high when at most MARGIN entries are free;
// overflow; underflow. Parameters W (default 8), AW (default 3), MARGIN
// (default 1).
// SPDX-License-Identifier: Apache-2.0
module ring_fifo #(
    parameter int W      = 8,
    parameter int AW     = 3,
    parameter int MARGIN = 1
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          push,
    input  logic [W-1:0]  wr_data,
    input  logic          pop,
    output logic [W-1:0]  rd_data,
    output logic [AW:0]   count,
    output logic          empty,
    output logic          full,
    output logic          almost_full,
    output logic          overflow,
    output logic          underflow
);
    localparam int DEPTH = 1 << AW;

    logic [W-1:0] mem [DEPTH];
    logic [AW:0]  head, tail;
    logic         do_push, do_pop;

    assign count       = tail - head;
    assign empty       = (tail == head);
    assign full        = (tail[AW] != head[AW]) && (tail[AW-1:0] == head[AW-1:0]);
    assign almost_full = (count >= (AW+1)'(DEPTH - MARGIN));
    assign do_push     = push && !full;
    assign do_pop      = pop && !empty;

    always_ff @(posedge clk) begin
        if (do_push) mem[tail[AW-1:0]] <= wr_data;
    end

    always_ff @(posedge clk) begin
        if (rst) begin
            head      <= '0;
            tail      <= '0;
            rd_data   <= '0;
            overflow  <= 1'b0;
            underflow <= 1'b0;
        end else begin
            if (do_push) tail <= tail + 1'b1;
            if (do_pop) begin
                head    <= head + 1'b1;
                rd_data <= mem[head[AW-1:0]];
            end
            if (push && full) overflow <= 1'b1;
            if (pop && empty) underflow <= 1'b1;
        end
    end
endmodule
