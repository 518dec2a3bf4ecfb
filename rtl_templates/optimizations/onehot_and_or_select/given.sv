// Time-slot multiplexer: a one-hot slot token rotates on `advance`; the lane of the current slot
// is passed to the output.
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
        if (slot[0]) lane_out = lanes[7:0];
        else if (slot[1]) lane_out = lanes[15:8];
        else if (slot[2]) lane_out = lanes[23:16];
        else if (slot[3]) lane_out = lanes[31:24];
        else if (slot[4]) lane_out = lanes[39:32];
        else if (slot[5]) lane_out = lanes[47:40];
        else if (slot[6]) lane_out = lanes[55:48];
        else lane_out = lanes[63:56];
    end
endmodule
