// Max-pool over eight signed activation lanes: a balanced tree of pairwise maxima, three
// comparator levels deep instead of seven.
module max_chain_balance (
    input  logic [63:0]       lanes,
    output logic signed [7:0] max_value
);
    function automatic logic signed [7:0] larger(input logic signed [7:0] a, input logic signed [7:0] b);
        larger = a > b ? a : b;
    endfunction

    logic signed [7:0] pair_max [4];
    logic signed [7:0] quad_max [2];

    always_comb begin
        for (int i = 0; i < 4; i++) pair_max[i] = larger(lanes[16*i +: 8], lanes[16*i+8 +: 8]);
        for (int i = 0; i < 2; i++) quad_max[i] = larger(pair_max[2*i], pair_max[2*i+1]);
        max_value = larger(quad_max[0], quad_max[1]);
    end
endmodule
