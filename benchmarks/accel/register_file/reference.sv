module register_file #(
    parameter int NREGS = 8,
    parameter int WIDTH = 16
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     we,
    input  logic [$clog2(NREGS)-1:0] waddr,
    input  logic [WIDTH-1:0]         wdata,
    input  logic [$clog2(NREGS)-1:0] raddr_a,
    output logic [WIDTH-1:0]         rdata_a,
    input  logic [$clog2(NREGS)-1:0] raddr_b,
    output logic [WIDTH-1:0]         rdata_b
);
    // Register 0 is kept in the array for simple indexing but is never written and never read.
    logic [WIDTH-1:0] regs [NREGS];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            for (int i = 0; i < NREGS; i++) regs[i] <= '0;
        end else if (we && waddr != '0) begin
            regs[waddr] <= wdata;
        end
    end

    // A write presented in the same cycle is forwarded to a reader of the same non-zero address.
    assign rdata_a = (raddr_a == '0)                ? '0
                   : (we && waddr == raddr_a)       ? wdata
                   : regs[raddr_a];
    assign rdata_b = (raddr_b == '0)                ? '0
                   : (we && waddr == raddr_b)       ? wdata
                   : regs[raddr_b];
endmodule
