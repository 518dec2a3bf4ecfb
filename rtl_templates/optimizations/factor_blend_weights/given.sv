// Alpha blend of two unsigned pixels: (fg * alpha + bg * (8 - alpha)) / 8, rounded down.
module factor_blend_weights (
    input  logic [7:0] fg,
    input  logic [7:0] bg,
    input  logic [2:0] alpha,
    output logic [7:0] pixel
);
    logic [10:0] weighted;

    assign weighted = fg * alpha + bg * (4'd8 - alpha);
    assign pixel = weighted[10:3];
endmodule
