// Horizontal 5-tap box filter: four adjacent window sums of a row of eight pixels per evaluation.
module redundant_box_sums (
    input  logic [63:0] pixels,  // eight unsigned 8-bit pixels, pixel i in bits [8*i +: 8]
    output logic [43:0] sums     // four 11-bit window sums, sum j in bits [11*j +: 11]
);
    logic [7:0] pixel [8];

    always_comb begin
        for (int i = 0; i < 8; i++) pixel[i] = pixels[8*i +: 8];
        for (int j = 0; j < 4; j++)
            sums[11*j +: 11] = 11'(pixel[j]) + pixel[j+1] + pixel[j+2] + pixel[j+3] + pixel[j+4];
    end
endmodule
