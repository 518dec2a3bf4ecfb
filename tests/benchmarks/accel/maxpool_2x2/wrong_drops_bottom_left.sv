// wrong: the bottom-row even-column pixel is ignored: output is max(stored, current pixel)
module maxpool_2x2 #(
    parameter int WIDTH = 8
) (
    input  logic              clk,
    input  logic              rst_n,
    input  logic              in_valid,
    input  logic signed [7:0] in_pixel,
    output logic              out_valid,
    output logic signed [7:0] out_pixel
);
    localparam int HALF = WIDTH / 2;
    localparam int CW   = (WIDTH > 2) ? $clog2(WIDTH) : 1;
    localparam int BW   = (HALF > 1) ? $clog2(HALF) : 1;

    // Stream position: column of the next pixel and whether it belongs to the bottom row.
    logic [CW-1:0] col;
    logic          bottom;

    // Datapath state without reset: the even-column pixel of the current pair and the top-row
    // pair maxima of the current row pair (one per block).
    logic signed [7:0] left;
    logic signed [7:0] row_max [HALF];

    logic              odd_col, last_col;
    logic [BW-1:0]     block;
    logic signed [7:0] pair_max, stored, block_max;

    assign odd_col   = col[0];
    assign last_col  = (col == CW'(WIDTH - 1));
    assign block     = BW'(col >> 1);
    assign pair_max  = (in_pixel > left) ? in_pixel : left;
    assign stored    = row_max[block];
    assign block_max = (in_pixel > stored) ? in_pixel : stored;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            col       <= '0;
            bottom    <= 1'b0;
            out_valid <= 1'b0;
            out_pixel <= 8'sd0;
        end else begin
            out_valid <= 1'b0;
            if (in_valid) begin
                if (odd_col && bottom) begin
                    out_pixel <= block_max;
                    out_valid <= 1'b1;
                end
                if (last_col) begin
                    col    <= '0;
                    bottom <= !bottom;
                end else begin
                    col <= col + 1'b1;
                end
            end
        end
    end

    always_ff @(posedge clk) begin
        if (rst_n && in_valid) begin
            if (!odd_col) begin
                left <= in_pixel;
            end else if (!bottom) begin
                row_max[block] <= pair_max;
            end
        end
    end
endmodule
