// byte_lane_merge: combine an old word and a new word under a byte-enable mask.
//
// Combinational helper of be_word_ram. Ports: old_word (8*NB bits) current
// contents; new_word (8*NB bits) write data; be (NB bits) byte enables, bit
// i selects byte i of new_word; merged (8*NB bits) the result. The enables
// are first expanded to a mask with one bit per data bit. Parameter NB
// (default 4) is the number of byte lanes.
// SPDX-License-Identifier: Apache-2.0
module byte_lane_merge #(
    parameter int NB = 4
) (
    input  logic [8*NB-1:0] old_word,
    input  logic [8*NB-1:0] new_word,
    input  logic [NB-1:0]   be,
    output logic [8*NB-1:0] merged
);
    logic [8*NB-1:0] mask;

    for (genvar i = 0; i < NB; i++) begin : g_lane
        assign mask[8*i +: 8] = {8{be[i]}};
    end

    assign merged = (new_word & mask) | (old_word & ~mask);
endmodule

// be_word_ram: small word-addressed RAM with byte-enable writes and a registered read port.
//
// 2**AW words of NB bytes. A write updates only the bytes whose enable bit
// is set; the others keep their old value, combined by a byte_lane_merge
// instance from the stored word and the write data. A read returns the word
// at raddr on the next clock edge; when it addresses the word being written
// on the same cycle it returns the old contents (read-before-write). Ports:
// clk rising-edge clock; rst synchronous active-high reset that clears all
// words and the read register; we write strobe; waddr (AW bits) write
// address; wdata (8*NB bits) write data; be (NB bits) byte enables; re read
// strobe (rdata holds when low); raddr (AW bits) read address; rdata
// (8*NB bits) read data. Parameters NB (default 4), AW (default 3).
module be_word_ram #(
    parameter int NB = 4,
    parameter int AW = 3
) (
    input  logic            clk,
    input  logic            rst,
    input  logic            we,
    input  logic [AW-1:0]   waddr,
    input  logic [8*NB-1:0] wdata,
    input  logic [NB-1:0]   be,
    input  logic            re,
    input  logic [AW-1:0]   raddr,
    output logic [8*NB-1:0] rdata
);
    logic [(1<<AW)-1:0][8*NB-1:0] words;
    logic [8*NB-1:0]             merged;

    byte_lane_merge #(.NB(NB)) u_merge (
        .old_word(words[waddr]), .new_word(wdata), .be(be), .merged(merged)
    );

    always_ff @(posedge clk) begin
        if (rst) begin
            words <= '0;
            rdata <= '0;
        end else begin
            if (we && be != '0) words[waddr] <= merged;
            if (re) rdata <= words[raddr];
        end
    end
endmodule
