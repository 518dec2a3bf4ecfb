// Registered argmin over eight signed distance scores: a balanced tree of pairwise minima, three
// comparator levels deep; each comparison keeps the left (lower-lane) candidate on a tie, so the
// lowest lane still wins ties.
module argmin_chain_balance (
    input  logic              clk,
    input  logic              rst_n,
    input  logic              in_valid,
    input  logic [63:0]       scores,
    output logic              out_valid,
    output logic signed [7:0] min_score,
    output logic [2:0]        min_index
);
    // a candidate is {score, lane index}
    function automatic logic [10:0] lower(input logic [10:0] left, input logic [10:0] right);
        lower = $signed(right[10:3]) < $signed(left[10:3]) ? right : left;
    endfunction

    logic [10:0] pair_min [4];
    logic [10:0] quad_min [2];
    logic [10:0] best;

    always_comb begin
        for (int i = 0; i < 4; i++) begin
            pair_min[i] = lower({scores[16*i +: 8], 3'(2*i)}, {scores[16*i+8 +: 8], 3'(2*i+1)});
        end
        for (int i = 0; i < 2; i++) quad_min[i] = lower(pair_min[2*i], pair_min[2*i+1]);
        best = lower(quad_min[0], quad_min[1]);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            min_score <= '0;
            min_index <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                min_score <= $signed(best[10:3]);
                min_index <= best[2:0];
            end
        end
    end
endmodule
