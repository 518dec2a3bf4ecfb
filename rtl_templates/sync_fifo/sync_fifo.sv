// sync_fifo: single-clock first-word-fall-through FIFO.
//
// DEPTH words of WIDTH bits (DEPTH a power of two). The oldest stored word is always
// visible on rd_data while empty is 0; rd_en pops it. A write is accepted only when
// full is 0 and a read only when empty is 0 (requests at the limits are ignored, even
// when the other side is active in the same cycle). count/full/empty/almost_full are
// decoded from registered state, never combinationally from wr_en/rd_en.
module sync_fifo #(
    parameter int WIDTH       = 8,
    parameter int DEPTH       = 16,
    parameter int ALMOST_FULL = DEPTH - 2
) (
    input  logic                       clk,
    input  logic                       rst_n,        // synchronous, active low
    input  logic                       wr_en,
    input  logic [WIDTH-1:0]           wr_data,
    input  logic                       rd_en,
    output logic [WIDTH-1:0]           rd_data,
    output logic                       full,
    output logic                       empty,
    output logic                       almost_full,
    output logic [$clog2(DEPTH+1)-1:0] count
);
    localparam int AW = $clog2(DEPTH);
    localparam int CW = $clog2(DEPTH + 1);

    logic [WIDTH-1:0] mem [DEPTH];
    logic [AW-1:0]    wr_ptr, rd_ptr;
    logic [CW-1:0]    level;

    logic do_wr, do_rd;
    assign do_wr = wr_en && (level != CW'(DEPTH));
    assign do_rd = rd_en && (level != '0);

    // Storage: no reset needed, the pointers define which entries are meaningful.
    always_ff @(posedge clk) begin
        if (do_wr) mem[wr_ptr] <= wr_data;
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            wr_ptr <= '0;
            rd_ptr <= '0;
            level  <= '0;
        end else begin
            if (do_wr) wr_ptr <= wr_ptr + 1'b1;   // wraps naturally: DEPTH = 2**AW
            if (do_rd) rd_ptr <= rd_ptr + 1'b1;
            case ({do_wr, do_rd})
                2'b10:   level <= level + 1'b1;
                2'b01:   level <= level - 1'b1;
                default: level <= level;
            endcase
        end
    end

    assign rd_data     = mem[rd_ptr];
    assign count       = level;
    assign full        = (level == CW'(DEPTH));
    assign empty       = (level == '0);
    assign almost_full = (level >= CW'(ALMOST_FULL));
endmodule
