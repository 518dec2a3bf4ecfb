// Alpha blend of two unsigned pixels: (fg * alpha + bg * (8 - alpha)) / 8, rounded down.
// Factored as 8 * bg + alpha * (fg - bg): one multiplier by the signed difference instead of
// two, and the 8 * bg term is a shift.
module factor_blend_weights (
    input  logic [7:0] fg,
    input  logic [7:0] bg,
    input  logic [2:0] alpha,
    output logic [7:0] pixel
);
    logic signed [8:0]  difference;
    logic signed [12:0] weighted;

    assign difference = $signed({1'b0, fg}) - $signed({1'b0, bg});
    assign weighted = $signed({3'b0, bg, 3'b0}) + difference * $signed({1'b0, alpha});
    assign pixel = weighted[10:3];
endmodule
