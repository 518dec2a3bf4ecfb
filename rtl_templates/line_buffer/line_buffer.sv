// line_buffer: row buffer for KxK convolution windows over a raster-scan pixel stream.
//
// One pixel enters per in_valid cycle in raster order (IMG_WIDTH pixels per row). For each
// pixel at (row r, column c) the block outputs, one cycle later, the K vertically aligned pixels
// of column c: slice i of out_pixels is the pixel at (r - i, c), so slice 0 is the pixel just
// received and slice K-1 the oldest row. Rows above the top of the frame (r - i < 0) read as 0.
// K-1 previous rows are kept in one IMG_WIDTH-deep memory whose words hold K-1 pixels.
module line_buffer #(
    parameter int IMG_WIDTH   = 16,
    parameter int PIXEL_WIDTH = 8,
    parameter int K           = 3
) (
    input  logic                           clk,
    input  logic                           rst_n,       // synchronous, active low
    input  logic                           in_valid,
    input  logic                           in_sof,      // with in_valid: pixel is (row 0, col 0)
    input  logic [PIXEL_WIDTH-1:0]         in_pixel,
    output logic                           out_valid,
    output logic [K*PIXEL_WIDTH-1:0]       out_pixels,
    output logic [$clog2(IMG_WIDTH)-1:0]   out_col,
    output logic                           out_primed   // all K rows lie inside the frame
);
    localparam int PW = PIXEL_WIDTH;
    localparam int CW = $clog2(IMG_WIDTH);
    localparam int RW = $clog2(K);                       // K >= 2, so RW >= 1
    localparam int MW = (K - 1) * PW;

    logic [MW-1:0] line_mem [IMG_WIDTH];

    logic [CW-1:0] col, col_eff;
    logic [RW-1:0] rows, rows_eff;                       // completed rows, saturating at K-1
    logic [MW-1:0] rd_word, shifted;
    logic [K*PW-1:0] column, masked;

    assign col_eff  = in_sof ? '0 : col;
    assign rows_eff = in_sof ? '0 : rows;
    assign rd_word  = line_mem[col_eff];
    assign column   = {rd_word, in_pixel};
    assign shifted  = column[MW-1:0];

    assign masked[PW-1:0] = in_pixel;                  // row r always exists
    for (genvar i = 1; i < K; i++) begin : g_mask
        assign masked[i*PW +: PW] = (RW'(i) <= rows_eff) ? column[i*PW +: PW] : '0;
    end

    // Shift the column: the new pixel becomes row r-1 for the next row, the oldest drops out.
    always_ff @(posedge clk) begin
        if (in_valid) line_mem[col_eff] <= shifted;
    end

    logic last_col;
    assign last_col = (col_eff == CW'(IMG_WIDTH - 1));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            col        <= '0;
            rows       <= '0;
            out_valid  <= 1'b0;
            out_pixels <= '0;
            out_col    <= '0;
            out_primed <= 1'b0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                col        <= last_col ? '0 : col_eff + 1'b1;
                if (last_col && rows_eff != RW'(K - 1)) rows <= rows_eff + 1'b1;
                else                                    rows <= rows_eff;
                out_pixels <= masked;
                out_col    <= col_eff;
                out_primed <= (rows_eff == RW'(K - 1));
            end
        end
    end
endmodule
