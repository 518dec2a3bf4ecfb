// Registered argmin over eight signed distance scores (nearest-centroid search): the lowest score
// and its lane, the lowest lane winning ties.
module argmin_chain_balance (
    input  logic              clk,
    input  logic              rst_n,
    input  logic              in_valid,
    input  logic [63:0]       scores,
    output logic              out_valid,
    output logic signed [7:0] min_score,
    output logic [2:0]        min_index
);
    logic signed [7:0] best_score;
    logic [2:0]        best_index;

    always_comb begin
        best_score = $signed(scores[7:0]);
        best_index = 3'd0;
        for (int i = 1; i < 8; i++) begin
            if ($signed(scores[i*8 +: 8]) < best_score) begin
                best_score = $signed(scores[i*8 +: 8]);
                best_index = 3'(i);
            end
        end
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            min_score <= '0;
            min_index <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                min_score <= best_score;
                min_index <= best_index;
            end
        end
    end
endmodule
