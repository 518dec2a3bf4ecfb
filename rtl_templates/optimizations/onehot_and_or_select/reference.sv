// Time-slot multiplexer: a one-hot slot token rotates on `advance`; the lane of the current slot
// is passed to the output. The token is one-hot in every reachable state, so the select needs no
// priority: each lane is ANDed with its slot bit and the results ORed, a flat tree instead of a
// chain of eight 2:1 muxes.
module onehot_and_or_select (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        advance,
    input  logic [63:0] lanes,
    output logic [7:0]  slot,
    output logic [7:0]  lane_out
);
    always_ff @(posedge clk) begin
        if (!rst_n) slot <= 8'b0000_0001;
        else if (advance) slot <= {slot[6:0], slot[7]};
    end

    always_comb begin
        lane_out = '0;
        for (int i = 0; i < 8; i++) lane_out |= lanes[8*i +: 8] & {8{slot[i]}};
    end
endmodule
