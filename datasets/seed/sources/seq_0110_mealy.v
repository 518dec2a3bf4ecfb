// seq_0110_mealy: Mealy state machine that flags every (overlapping) occurrence of 0110.
//
// Serial bits arrive one per cycle while bit_en is high (cycles with bit_en
// low are skipped and do not break a partial match). The state records how
// much of the pattern 0-1-1-0 has been seen so far. Because the output is a
// Mealy output, hit rises in the same cycle as the final 0 is presented, not
// one cycle later. Overlaps are allowed: in 0110110 the final 0 of the first
// match starts the second, so two hits are produced. Ports: clk rising-edge
// clock; rst_n asynchronous active-low reset (nothing matched); bit_en a bit
// is presented this cycle; din the serial bit; hit combinational flag, high
// when bit_en is high and din completes the pattern; progress (2 bits)
// number of pattern bits currently matched (0 to 3).
// SPDX-License-Identifier: Apache-2.0
module seq_0110_mealy (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       bit_en,
    input  wire       din,
    output wire       hit,
    output wire [1:0] progress
);
    localparam [1:0] NONE = 2'd0, GOT_0 = 2'd1, GOT_01 = 2'd2, GOT_011 = 2'd3;

    reg [1:0] state, next;

    always @* begin
        case (state)
            NONE:    next = din ? NONE    : GOT_0;
            GOT_0:   next = din ? GOT_01  : GOT_0;
            GOT_01:  next = din ? GOT_011 : GOT_0;
            default: next = din ? NONE    : GOT_0;   // 0110 done: its last 0 restarts
        endcase
    end

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) state <= NONE;
        else if (bit_en) state <= next;
    end

    assign hit      = bit_en && (state == GOT_011) && !din;
    assign progress = state;
endmodule
