// Add-compare-select of a Viterbi decoder in two register stages. The additions move before the
// first register (which now holds the two sums, reset to 0 + 0), so the first stage adds and the
// second only compares and selects: same latency, a shorter longest stage, fewer flip-flops.
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
    logic [8:0] sum_a_q, sum_b_q;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            {sum_a_q, sum_b_q} <= '0;
            survivor <= '0;
            from_b <= 1'b0;
        end else begin
            sum_a_q <= metric_a + branch_a;
            sum_b_q <= metric_b + branch_b;
            survivor <= sum_b_q < sum_a_q ? sum_b_q : sum_a_q;
            from_b <= sum_b_q < sum_a_q;
        end
    end
endmodule
