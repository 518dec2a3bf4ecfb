// wrong: column counter wraps one pixel early (rows taken as IMG_W-1 pixels), so the taps drift
module line_buffer #(
    parameter int IMG_W = 8,
    parameter int PIX_W = 8
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     in_valid,
    input  logic [PIX_W-1:0]         in_pixel,
    input  logic                     in_sof,
    output logic                     window_valid,
    output logic [$clog2(IMG_W)-1:0] out_x,
    output logic [3*PIX_W-1:0]       out_column
);
    localparam int XW = $clog2(IMG_W);

    logic [PIX_W-1:0] above1 [IMG_W];
    logic [PIX_W-1:0] above2 [IMG_W];

    // Tracked position of the next pixel; rows saturate at 2.
    logic [XW-1:0] x_q;
    logic [1:0]    y_q;

    // Position of the pixel presented now (a start of frame overrides the tracked position).
    logic [XW-1:0] px;
    logic [1:0]    py;
    logic          take, row_end;
    assign px      = in_sof ? '0 : x_q;
    assign py      = in_sof ? 2'd0 : y_q;
    assign take    = rst_n && in_valid;
    assign row_end = (px == XW'(IMG_W - 2));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            x_q          <= '0;
            y_q          <= 2'd0;
            window_valid <= 1'b0;
        end else if (in_valid) begin
            window_valid <= (py == 2'd2);
            out_x        <= px;
            out_column   <= {above2[px], above1[px], in_pixel};
            x_q          <= row_end ? '0 : px + 1'b1;
            y_q          <= (row_end && py != 2'd2) ? py + 2'd1 : py;
        end else begin
            window_valid <= 1'b0;
        end
    end

    always_ff @(posedge clk) begin
        if (take) begin
            above2[px] <= above1[px];
            above1[px] <= in_pixel;
        end
    end
endmodule
