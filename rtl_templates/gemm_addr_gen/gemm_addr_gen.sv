// gemm_addr_gen: address generator for a tiled walk over an M x N row-major matrix.
//
// After start, it emits the M*N element addresses (addr = row*N + col) tile by tile: tiles of
// TILE x TILE elements are visited in row-major tile order (left to right, then down) and the
// elements of each tile in row-major order. One address per handshake (valid && ready);
// tile_first/tile_last mark the first and last element of each tile; done pulses for one cycle
// after the final handshake. All outputs are registered.
module gemm_addr_gen #(
    parameter int M    = 8,     // rows, a multiple of TILE
    parameter int N    = 8,     // columns, a multiple of TILE
    parameter int TILE = 4
) (
    input  logic                   clk,
    input  logic                   rst_n,     // synchronous, active low
    input  logic                   start,     // begin a pass (ignored while valid is 1)
    output logic                   valid,
    input  logic                   ready,
    output logic [$clog2(M*N)-1:0] addr,
    output logic [$clog2(M)-1:0]   row,
    output logic [$clog2(N)-1:0]   col,
    output logic                   tile_first,
    output logic                   tile_last,
    output logic                   done       // one-cycle pulse after the last handshake
);
    localparam int AW = $clog2(M * N);
    localparam int RW = $clog2(M);
    localparam int CW = $clog2(N);
    localparam int TW = (TILE > 1) ? $clog2(TILE) : 1;

    logic [RW-1:0] row_base, row_d, row_base_d;      // row_base: first row of the current tile
    logic [CW-1:0] col_base, col_d, col_base_d;      // col_base: first column of the current tile
    logic [TW-1:0] r_off, c_off, r_off_d, c_off_d;   // position inside the tile
    logic          end_c, end_r, end_tc, end_tr;
    logic          step;

    assign step   = valid && ready;
    assign end_c  = (c_off == TW'(TILE - 1));
    assign end_r  = (r_off == TW'(TILE - 1));
    assign end_tc = (col_base == CW'(N - TILE));
    assign end_tr = (row_base == RW'(M - TILE));

    // Position of the element after the current one.
    always_comb begin
        row_d      = row;
        col_d      = col;
        row_base_d = row_base;
        col_base_d = col_base;
        r_off_d    = r_off;
        c_off_d    = c_off;
        if (!end_c) begin                              // next column inside the tile
            c_off_d = c_off + 1'b1;
            col_d   = col + 1'b1;
        end else if (!end_r) begin                     // next row inside the tile
            c_off_d = '0;
            r_off_d = r_off + 1'b1;
            col_d   = col_base;
            row_d   = row + 1'b1;
        end else begin                                 // next tile
            c_off_d = '0;
            r_off_d = '0;
            if (!end_tc) begin                         // tile to the right
                col_base_d = col_base + CW'(TILE);
                row_d      = row_base;
            end else begin                             // first tile of the next tile row
                col_base_d = '0;
                row_base_d = row_base + RW'(TILE);
                row_d      = row_base + RW'(TILE);
            end
            col_d = col_base_d;
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid      <= 1'b0;
            done       <= 1'b0;
            row        <= '0;
            col        <= '0;
            row_base   <= '0;
            col_base   <= '0;
            r_off      <= '0;
            c_off      <= '0;
            addr       <= '0;
            tile_first <= 1'b0;
            tile_last  <= 1'b0;
        end else begin
            done <= 1'b0;
            if (!valid) begin
                if (start) begin
                    valid      <= 1'b1;
                    row        <= '0;
                    col        <= '0;
                    row_base   <= '0;
                    col_base   <= '0;
                    r_off      <= '0;
                    c_off      <= '0;
                    addr       <= '0;
                    tile_first <= 1'b1;
                    tile_last  <= (TILE == 1);
                end
            end else if (step) begin
                if (end_c && end_r && end_tc && end_tr) begin
                    valid <= 1'b0;                     // that was the last element
                    done  <= 1'b1;
                end else begin
                    row        <= row_d;
                    col        <= col_d;
                    row_base   <= row_base_d;
                    col_base   <= col_base_d;
                    r_off      <= r_off_d;
                    c_off      <= c_off_d;
                    addr       <= AW'(row_d) * AW'(N) + AW'(col_d);
                    tile_first <= (r_off_d == '0) && (c_off_d == '0);
                    tile_last  <= (r_off_d == TW'(TILE - 1)) && (c_off_d == TW'(TILE - 1));
                end
            end
        end
    end
endmodule
