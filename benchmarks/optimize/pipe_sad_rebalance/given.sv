// Three-stage block matcher of a motion-estimation engine: the sum of absolute differences of four
// pixel pairs and whether it is below a threshold, three cycles after the pixels.
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
    logic        valid_1, valid_2;
    logic [31:0] cur_1, ref_1;
    logic [9:0]  threshold_1;
    logic [9:0]  sad_2;
    logic        below_2;
    logic [9:0]  total;

    always_comb begin
        total = '0;
        for (int i = 0; i < 4; i++) begin
            if (cur_1[8*i +: 8] > ref_1[8*i +: 8]) total = total + 10'(cur_1[8*i +: 8] - ref_1[8*i +: 8]);
            else total = total + 10'(ref_1[8*i +: 8] - cur_1[8*i +: 8]);
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_1 <= 1'b0;
            cur_1 <= '0;
            ref_1 <= '0;
            threshold_1 <= '0;
            valid_2 <= 1'b0;
            sad_2 <= '0;
            below_2 <= 1'b0;
            out_valid <= 1'b0;
            sad <= '0;
            below <= 1'b0;
        end else begin
            valid_1 <= in_valid;
            cur_1 <= cur_px;
            ref_1 <= ref_px;
            threshold_1 <= threshold;
            valid_2 <= valid_1;
            sad_2 <= total;
            below_2 <= total < threshold_1;
            out_valid <= valid_2;
            sad <= sad_2;
            below <= below_2;
        end
    end
endmodule
