// Tile-loop sequencer of an accelerator's address generator: walks a 5-column by 3-row grid of
// tiles, column first, one tile per enabled cycle, and gives the tile's column, row and linear
// index.
module overwide_tile_counter (
    input  logic       clk,
    input  logic       rst_n,       // synchronous, active low
    input  logic       step,        // advance to the next tile
    output logic [2:0] col,
    output logic [1:0] row,
    output logic [3:0] index,       // row * 5 + col
    output logic       last,        // the current tile is the grid's last one
    output logic       frame_done   // registered pulse: the last tile was stepped over
);
    localparam int COLS = 5;
    localparam int ROWS = 3;

    logic [15:0] col_count, row_count, tile_count;

    assign col   = col_count[2:0];
    assign row   = row_count[1:0];
    assign index = tile_count[3:0];
    assign last  = tile_count == COLS * ROWS - 1;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            col_count  <= '0;
            row_count  <= '0;
            tile_count <= '0;
            frame_done <= 1'b0;
        end else begin
            frame_done <= step && last;
            if (step) begin
                if (col_count == COLS - 1) begin
                    col_count <= '0;
                    row_count <= (row_count == ROWS - 1) ? '0 : row_count + 1'b1;
                end else begin
                    col_count <= col_count + 1'b1;
                end
                tile_count <= last ? '0 : tile_count + 1'b1;
            end
        end
    end
endmodule
