// regbank_2r1w: register bank with two registered read ports, one write port and write bypass.
//
// 2**AW registers of W bits. Each read port registers the addressed word on
// the clock edge after its address is presented. When a read address equals
// the write address in the same cycle the new write data is forwarded to
// that read port (write-first), so a read never returns a stale value.
// Register 0 is an ordinary register (not hard-wired). Ports: clk
// rising-edge clock; we write enable; waddr (AW bits) write address; wdata
// (W bits) write data; raddr_a, raddr_b (AW bits) read addresses; rdata_a,
// rdata_b (W bits) registered read data. There is no reset: register
// contents start unknown. Parameters W (default 16), AW (default 4).
// SPDX-License-Identifier: Apache-2.0
module regbank_2r1w #(
    parameter W  = 16,
    parameter AW = 4
) (
    input  wire          clk,
    input  wire          we,
    input  wire [AW-1:0] waddr,
    input  wire [W-1:0]  wdata,
    input  wire [AW-1:0] raddr_a,
    input  wire [AW-1:0] raddr_b,
    output reg  [W-1:0]  rdata_a,
    output reg  [W-1:0]  rdata_b
);
    reg [W-1:0] regs [0:(1<<AW)-1];

    always @(posedge clk) begin
        if (we) regs[waddr] <= wdata;
        rdata_a <= (we && waddr == raddr_a) ? wdata : regs[raddr_a];
        rdata_b <= (we && waddr == raddr_b) ? wdata : regs[raddr_b];
    end
endmodule
