// Max-pool over eight signed activation lanes.
module max_chain_balance (
    input  logic [63:0]       lanes,
    output logic signed [7:0] max_value
);
    always_comb begin
        max_value = $signed(lanes[7:0]);
        for (int i = 1; i < 8; i++) begin
            if ($signed(lanes[i*8 +: 8]) > max_value) max_value = $signed(lanes[i*8 +: 8]);
        end
    end
endmodule
