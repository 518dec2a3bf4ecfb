// async_fifo: dual-clock first-word-fall-through FIFO.
//
// Write side in the wr_clk domain, read side in the rd_clk domain. Each side keeps a binary
// pointer and a registered Gray copy with one extra wrap bit; the Gray pointer crosses to the
// other domain through a two-flop synchronizer. full/empty and the levels are decoded from
// registered state of their own domain only, so they are pessimistic (never optimistic): full
// may stay 1 and empty may stay 1 for up to two cycles of their clock after the other side
// freed or filled an entry, but neither is ever wrongly 0.
module async_fifo #(
    parameter int WIDTH = 8,
    parameter int DEPTH = 16
) (
    input  logic                       rst_n,      // asynchronous active-low reset of both domains
    // write domain
    input  logic                       wr_clk,
    input  logic                       wr_en,
    input  logic [WIDTH-1:0]           wr_data,
    output logic                       full,
    output logic [$clog2(DEPTH+1)-1:0] wr_level,
    // read domain
    input  logic                       rd_clk,
    input  logic                       rd_en,
    output logic [WIDTH-1:0]           rd_data,
    output logic                       empty,
    output logic [$clog2(DEPTH+1)-1:0] rd_level
);
    localparam int AW = $clog2(DEPTH);
    // Gray code of a pointer exactly DEPTH ahead: the two most significant bits inverted.
    localparam logic [AW:0] WRAP_MASK = (AW + 1)'(3) << (AW - 1);

    logic [WIDTH-1:0] mem [DEPTH];

    // ---------------- write domain ----------------
    logic [AW:0]   wbin, wgray, wbin_next;
    logic [AW:0]   w_rgray_s1, w_rgray_s2;   // read pointer synchronized into wr_clk
    logic [AW:0]   w_rbin;
    logic [AW-1:0] waddr;
    logic          wr_fire;

    assign wr_fire   = wr_en && !full;
    assign wbin_next = wbin + {{AW{1'b0}}, wr_fire};
    assign waddr     = wbin[AW-1:0];

    always_ff @(posedge wr_clk) begin
        if (wr_fire) mem[waddr] <= wr_data;
    end

    always_ff @(posedge wr_clk or negedge rst_n) begin
        if (!rst_n) begin
            wbin       <= '0;
            wgray      <= '0;
            w_rgray_s1 <= '0;
            w_rgray_s2 <= '0;
        end else begin
            wbin       <= wbin_next;
            wgray      <= wbin_next ^ (wbin_next >> 1);
            w_rgray_s1 <= rgray;
            w_rgray_s2 <= w_rgray_s1;
        end
    end

    always_comb begin
        for (int i = 0; i <= AW; i++) w_rbin[i] = ^(w_rgray_s2 >> i);
    end

    assign full     = (wgray == (w_rgray_s2 ^ WRAP_MASK));
    assign wr_level = wbin - w_rbin;

    // ---------------- read domain ----------------
    logic [AW:0]   rbin, rgray, rbin_next;
    logic [AW:0]   r_wgray_s1, r_wgray_s2;   // write pointer synchronized into rd_clk
    logic [AW:0]   r_wbin;
    logic [AW-1:0] raddr;
    logic          rd_fire;

    assign rd_fire   = rd_en && !empty;
    assign rbin_next = rbin + {{AW{1'b0}}, rd_fire};
    assign raddr     = rbin[AW-1:0];

    always_ff @(posedge rd_clk or negedge rst_n) begin
        if (!rst_n) begin
            rbin       <= '0;
            rgray      <= '0;
            r_wgray_s1 <= '0;
            r_wgray_s2 <= '0;
        end else begin
            rbin       <= rbin_next;
            rgray      <= rbin_next ^ (rbin_next >> 1);
            r_wgray_s1 <= wgray;
            r_wgray_s2 <= r_wgray_s1;
        end
    end

    always_comb begin
        for (int i = 0; i <= AW; i++) r_wbin[i] = ^(r_wgray_s2 >> i);
    end

    assign empty    = (rgray == r_wgray_s2);
    assign rd_level = r_wbin - rbin;
    assign rd_data  = mem[raddr];
endmodule
