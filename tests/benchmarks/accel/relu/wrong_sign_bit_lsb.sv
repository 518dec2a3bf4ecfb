// wrong: tests bit 0 of each lane instead of the sign bit 7
module relu #(
    parameter int LANES = 4
) (
    input  logic [8*LANES-1:0] x,
    output logic [8*LANES-1:0] y
);
    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : g_lane
            logic [7:0] lane;
            assign lane = x[8*i +: 8];
            assign y[8*i +: 8] = lane[0] ? 8'd0 : lane;
        end
    endgenerate
endmodule
