// wrong: lane i is gated by the sign bit of the mirrored lane LANES-1-i
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
            logic [7:0] mirror;
            assign lane = x[8*i +: 8];
            assign mirror = x[8*(LANES-1-i) +: 8];
            assign y[8*i +: 8] = mirror[7] ? 8'd0 : lane;
        end
    endgenerate
endmodule
