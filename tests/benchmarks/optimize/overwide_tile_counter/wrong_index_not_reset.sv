// wrong: reset does not clear the linear index
// Tile-loop sequencer of an accelerator's address generator: walks a 5-column by 3-row grid of
// tiles, column first, one tile per enabled cycle, and gives the tile's column, row and linear
// index. From reset the counters never leave 0..4, 0..2 and 0..14, so each is only as wide as
// its output.
module overwide_tile_counter (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       step,
    output logic [2:0] col,
    output logic [1:0] row,
    output logic [3:0] index,
    output logic       last,
    output logic       frame_done
);
    localparam logic [2:0] LAST_COL = 3'd4;
    localparam logic [1:0] LAST_ROW = 2'd2;
    localparam logic [3:0] LAST_INDEX = 4'd14;

    assign last = index == LAST_INDEX;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            col        <= '0;
            row        <= '0;
            frame_done <= 1'b0;
        end else begin
            frame_done <= step && last;
            if (step) begin
                if (col == LAST_COL) begin
                    col <= '0;
                    row <= (row == LAST_ROW) ? '0 : row + 1'b1;
                end else begin
                    col <= col + 1'b1;
                end
                index <= last ? '0 : index + 1'b1;
            end
        end
    end
endmodule
