// Block-statistics unit of an image accelerator: sums each block of 8 valid 8-bit pixels, then
// presents the block's mean and whether the block is bright (its sum above a threshold).
module overwide_frame_accumulator (
    input  logic       clk,
    input  logic       rst_n,    // synchronous, active low
    input  logic       valid,    // pixel carries a sample this cycle
    input  logic [7:0] pixel,
    output logic       done,     // registered pulse: mean and bright were just updated
    output logic [7:0] mean,     // sum of the last complete block / 8 (rounded down)
    output logic       bright    // sum of the last complete block > BRIGHT_SUM
);
    localparam int BRIGHT_SUM = 1500;

    logic [31:0] sum;
    logic [31:0] total;   // the sum with the current pixel
    logic [2:0]  count;   // pixels of the current block so far

    assign total = sum + pixel;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            sum    <= '0;
            count  <= '0;
            done   <= 1'b0;
            mean   <= '0;
            bright <= 1'b0;
        end else begin
            done <= 1'b0;
            if (valid) begin
                count <= count + 1'b1;
                if (count == 3'd7) begin
                    mean   <= total[10:3];
                    bright <= total > BRIGHT_SUM;
                    done   <= 1'b1;
                    sum    <= '0;
                end else begin
                    sum <= total;
                end
            end
        end
    end
endmodule
