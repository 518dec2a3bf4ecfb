// wrong: element 7 is never added (the last pair uses only element 6)
module adder_tree #(
    parameter int DATA_W = 8
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     in_valid,
    input  logic [8*DATA_W-1:0]      data_in,
    output logic                     out_valid,
    output logic signed [DATA_W+2:0] sum
);
    // Unpack and pre-add the pairs combinationally; each stage then registers one tree level.
    logic signed [DATA_W:0] pair_sum [4];
    for (genvar i = 0; i < 4; i++) begin : g_pair
        logic signed [DATA_W-1:0] lo, hi;
        assign lo = data_in[(2*i)*DATA_W +: DATA_W];
        assign hi = data_in[(2*i+1)*DATA_W +: DATA_W];
        assign pair_sum[i] = (i == 3) ? lo : lo + hi;
    end

    logic signed [DATA_W:0]   stage1 [4];
    logic signed [DATA_W+1:0] stage2 [2];
    logic                     valid1, valid2;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid1    <= 1'b0;
            valid2    <= 1'b0;
            out_valid <= 1'b0;
        end else begin
            valid1    <= in_valid;
            valid2    <= valid1;
            out_valid <= valid2;
        end
    end

    always_ff @(posedge clk) begin
        for (int i = 0; i < 4; i++) begin
            stage1[i] <= pair_sum[i];
        end
        stage2[0] <= stage1[0] + stage1[1];
        stage2[1] <= stage1[2] + stage1[3];
        sum       <= stage2[0] + stage2[1];
    end
endmodule
