// Three-stage block matcher of a motion-estimation engine. The work is spread over the stages:
// absolute differences in the first, their sum in the second, the threshold compare in the third.
module pipe_sad_rebalance (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        in_valid,
    input  logic [31:0] cur_px,
    input  logic [31:0] ref_px,
    input  logic [9:0]  threshold,
    output logic        out_valid,
    output logic [9:0]  sad,
    output logic        below
);
    logic       valid_1, valid_2;
    logic [7:0] diff_1 [4];
    logic [9:0] threshold_1, threshold_2;
    logic [9:0] sad_2;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_1 <= 1'b0;
            for (int i = 0; i < 4; i++) diff_1[i] <= '0;
            threshold_1 <= '0;
            valid_2 <= 1'b0;
            sad_2 <= '0;
            threshold_2 <= '0;
            out_valid <= 1'b0;
            sad <= '0;
            below <= 1'b0;
        end else begin
            valid_1 <= in_valid;
            for (int i = 0; i < 4; i++) begin
                diff_1[i] <= cur_px[8*i +: 8] > ref_px[8*i +: 8] ? cur_px[8*i +: 8] - ref_px[8*i +: 8]
                                                                 : ref_px[8*i +: 8] - cur_px[8*i +: 8];
            end
            threshold_1 <= threshold;
            valid_2 <= valid_1;
            sad_2 <= (10'(diff_1[0]) + 10'(diff_1[1])) + (10'(diff_1[2]) + 10'(diff_1[3]));
            threshold_2 <= threshold_1;
            out_valid <= valid_2;
            sad <= sad_2;
            below <= sad_2 < threshold_2;
        end
    end
endmodule
