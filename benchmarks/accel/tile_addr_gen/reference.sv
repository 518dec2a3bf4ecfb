module tile_addr_gen #(
    parameter int M    = 8,
    parameter int N    = 12,
    parameter int TILE = 4
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     start,
    input  logic                     ready,
    output logic                     valid,
    output logic [$clog2(M*N)-1:0]   addr,
    output logic                     tile_first,
    output logic                     tile_last,
    output logic                     done
);
    localparam int AW  = $clog2(M * N);
    localparam int TR  = M / TILE;
    localparam int TC  = N / TILE;
    localparam int WT  = (TILE > 1) ? $clog2(TILE) : 1;
    localparam int WTR = (TR > 1) ? $clog2(TR) : 1;
    localparam int WTC = (TC > 1) ? $clog2(TC) : 1;

    logic           active;
    logic [WTR-1:0] tr;     // tile row
    logic [WTC-1:0] tc;     // tile column
    logic [WT-1:0]  r;      // row inside the tile
    logic [WT-1:0]  c;      // column inside the tile

    logic end_c, end_r, end_tc, end_tr;
    assign end_c  = (c == WT'(TILE - 1));
    assign end_r  = (r == WT'(TILE - 1));
    assign end_tc = (tc == WTC'(TC - 1));
    assign end_tr = (tr == WTR'(TR - 1));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            active <= 1'b0;
            done   <= 1'b0;
            tr     <= '0;
            tc     <= '0;
            r      <= '0;
            c      <= '0;
        end else begin
            done <= 1'b0;
            if (!active) begin
                if (start) begin
                    active <= 1'b1;
                    tr     <= '0;
                    tc     <= '0;
                    r      <= '0;
                    c      <= '0;
                end
            end else if (ready) begin
                // Odometer: c fastest, then r, then tc, then tr.
                if (!end_c) begin
                    c <= c + 1'b1;
                end else begin
                    c <= '0;
                    if (!end_r) begin
                        r <= r + 1'b1;
                    end else begin
                        r <= '0;
                        if (!end_tc) begin
                            tc <= tc + 1'b1;
                        end else begin
                            tc <= '0;
                            if (!end_tr) begin
                                tr <= tr + 1'b1;
                            end else begin
                                tr     <= '0;
                                active <= 1'b0;
                                done   <= 1'b1;
                            end
                        end
                    end
                end
            end
        end
    end

    logic [31:0] row, col;
    assign row = 32'(tr) * TILE + 32'(r);
    assign col = 32'(tc) * TILE + 32'(c);

    assign valid      = active;
    assign addr       = active ? AW'(row * N + col) : '0;
    assign tile_first = active && (r == '0) && (c == '0);
    assign tile_last  = active && end_r && end_c;
endmodule
