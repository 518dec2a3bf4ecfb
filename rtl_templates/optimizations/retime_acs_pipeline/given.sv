// Add-compare-select of a Viterbi decoder in two register stages: the first registers the
// operands, the second adds each path metric to its branch metric, keeps the smaller sum and
// tells which path survived.
module retime_acs_pipeline (
    input  logic       clk,
    input  logic       rst_n,
    input  logic [7:0] metric_a,
    input  logic [7:0] branch_a,
    input  logic [7:0] metric_b,
    input  logic [7:0] branch_b,
    output logic [8:0] survivor,
    output logic       from_b
);
    logic [7:0] metric_a_q, branch_a_q, metric_b_q, branch_b_q;
    logic [8:0] sum_a, sum_b;

    assign sum_a = metric_a_q + branch_a_q;
    assign sum_b = metric_b_q + branch_b_q;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            {metric_a_q, branch_a_q, metric_b_q, branch_b_q} <= '0;
            survivor <= '0;
            from_b <= 1'b0;
        end else begin
            {metric_a_q, branch_a_q, metric_b_q, branch_b_q} <= {metric_a, branch_a, metric_b, branch_b};
            survivor <= sum_b < sum_a ? sum_b : sum_a;
            from_b <= sum_b < sum_a;
        end
    end
endmodule
