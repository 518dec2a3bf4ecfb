// tap_delay: shift-register delay line with a run-time selectable tap.
//
// Every clock with shift high the input word enters a DEPTH-stage shift
// register and all stored words move one stage along. The output is the
// stage chosen by tap, so the word seen at dout entered tap + 1 shifts ago;
// changing tap takes effect immediately (the output multiplexer is not
// registered). The register has no reset, only a valid bit per stage that
// is cleared by reset, so dout_valid tells whether the selected stage holds
// a word yet. Ports: clk rising-edge clock; rst synchronous active-high
// reset of the valid bits; shift advance the line; din (W bits) input word;
// tap ($clog2(DEPTH) bits) stage to read, 0 is the newest; dout (W bits)
// selected word; dout_valid the selected stage has been filled. Parameters
// W (default 8), DEPTH (default 16, a power of two).
// SPDX-License-Identifier: Apache-2.0
module tap_delay #(
    parameter int W     = 8,
    parameter int DEPTH = 16
) (
    input  logic                     clk,
    input  logic                     rst,
    input  logic                     shift,
    input  logic [W-1:0]             din,
    input  logic [$clog2(DEPTH)-1:0] tap,
    output logic [W-1:0]             dout,
    output logic                     dout_valid
);
    logic [DEPTH-1:0][W-1:0] line;
    logic [DEPTH-1:0]        filled;

    always_ff @(posedge clk) begin
        if (shift) line <= {line[DEPTH-2:0], din};
    end

    always_ff @(posedge clk) begin
        if (rst) filled <= '0;
        else if (shift) filled <= {filled[DEPTH-2:0], 1'b1};
    end

    assign dout       = line[tap];
    assign dout_valid = filled[tap];
endmodule
