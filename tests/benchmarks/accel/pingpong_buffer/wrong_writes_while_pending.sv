// wrong: writes are not locked while wr_pending, so a finished bank is overwritten before the swap
module pingpong_buffer #(
    parameter int DEPTH = 16,
    parameter int WIDTH = 8
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     wr_en,
    input  logic [$clog2(DEPTH)-1:0] wr_addr,
    input  logic [WIDTH-1:0]         wr_data,
    input  logic                     wr_done,
    input  logic [$clog2(DEPTH)-1:0] rd_addr,
    output logic [WIDTH-1:0]         rd_data,
    input  logic                     rd_done,
    output logic                     bank_sel,
    output logic                     wr_pending,
    output logic                     rd_pending
);
    // Both banks in one array: word {bank, address}.
    logic [WIDTH-1:0] mem [2*DEPTH];

    logic wr_req, rd_req, swap, do_write;
    assign wr_req   = wr_pending || wr_done;
    assign rd_req   = rd_pending || rd_done;
    assign swap     = wr_req && rd_req;
    assign do_write = rst_n && wr_en;

    always_ff @(posedge clk) begin
        if (do_write) mem[{bank_sel, wr_addr}] <= wr_data;
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            bank_sel   <= 1'b0;
            wr_pending <= 1'b0;
            rd_pending <= 1'b1;
            rd_data    <= '0;
        end else begin
            rd_data <= mem[{!bank_sel, rd_addr}];
            if (swap) begin
                bank_sel   <= !bank_sel;
                wr_pending <= 1'b0;
                rd_pending <= 1'b0;
            end else begin
                wr_pending <= wr_req;
                rd_pending <= rd_req;
            end
        end
    end
endmodule
