// lfsr_galois16: 16-bit maximal-length Galois LFSR with seed load and enable.
//
// The register steps once per clock while step is high, shifting right; when
// the bit shifted out is 1 the polynomial mask 16'hB400 (x^16+x^14+x^13+x^11+1)
// is XORed into the shifted value, which walks all 65535 non-zero states
// before repeating. A load pulse writes seed instead (load wins over step);
// because the all-zero state would lock up, a zero seed is replaced by 1.
// Ports: clk rising-edge clock; rst_n asynchronous active-low reset to state
// 16'h0001; load copy seed into the register; seed (16 bits) the load value;
// step advance one state; state (16 bits) the current register; bit_out the
// least significant state bit, usable as a pseudo-random serial stream.
// SPDX-License-Identifier: Apache-2.0
module lfsr_galois16 (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        load,
    input  logic [15:0] seed,
    input  logic        step,
    output logic [15:0] state,
    output logic        bit_out
);
    localparam logic [15:0] TAPS = 16'hB400;

    logic [15:0] next_state;

    assign next_state = (state >> 1) ^ (state[0] ? TAPS : 16'h0000);

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) state <= 16'h0001;
        else if (load) state <= (seed == 16'h0000) ? 16'h0001 : seed;
        else if (step) state <= next_state;
    end

    assign bit_out = state[0];
endmodule
