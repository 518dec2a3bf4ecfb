// Spread (largest minus smallest) of eight unsigned 8-bit samples. The minimum and the maximum
// are balanced trees of pairwise compare-selects, three levels deep instead of a chain of seven;
// the first level orders each pair with one comparison for both trees.
module balance_min_max_tree (
    input  logic [63:0] samples,
    output logic [7:0]  spread
);
    function automatic logic [7:0] lower(input logic [7:0] a, input logic [7:0] b);
        return a < b ? a : b;
    endfunction

    function automatic logic [7:0] higher(input logic [7:0] a, input logic [7:0] b);
        return a < b ? b : a;
    endfunction

    logic [7:0] pair_low [4], pair_high [4], quad_low [2], quad_high [2];

    always_comb begin
        for (int i = 0; i < 4; i++) begin
            pair_low[i] = lower(samples[16*i +: 8], samples[16*i+8 +: 8]);
            pair_high[i] = higher(samples[16*i +: 8], samples[16*i+8 +: 8]);
        end
        for (int i = 0; i < 2; i++) begin
            quad_low[i] = lower(pair_low[2*i], pair_low[2*i+1]);
            quad_high[i] = higher(pair_high[2*i], pair_high[2*i+1]);
        end
        spread = higher(quad_high[0], quad_high[1]) - lower(quad_low[0], quad_low[1]);
    end
endmodule
