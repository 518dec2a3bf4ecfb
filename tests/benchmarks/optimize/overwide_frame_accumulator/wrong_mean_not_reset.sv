// wrong: reset does not clear mean
// Block-statistics unit of an image accelerator: sums each block of 8 valid 8-bit pixels, then
// presents the block's mean and whether the block is bright (its sum above a threshold).
// A block's sum is at most 8 * 255 = 2040, so eleven bits hold it exactly: the running sum and
// the comparison need no more.
module overwide_frame_accumulator (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       valid,
    input  logic [7:0] pixel,
    output logic       done,
    output logic [7:0] mean,
    output logic       bright
);
    localparam logic [10:0] BRIGHT_SUM = 11'd1500;

    logic [10:0] sum;      // at most 7 * 255 between blocks
    logic [10:0] total;
    logic [2:0]  count;

    assign total = sum + pixel;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            sum    <= '0;
            count  <= '0;
            done   <= 1'b0;
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
