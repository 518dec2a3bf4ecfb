// wrong: window 2 reuses pixels 3..5 instead of 2..4, counting pixel 5 twice and dropping pixel 2
// Horizontal 5-tap box filter: four adjacent window sums of a row of eight pixels per evaluation.
// The windows overlap, so partial sums are shared: pixels 3+4 are in every window, 2+3+4 in the
// first three, 3+4+5 in the last three; each window adds one more pair to one of those.
module redundant_box_sums (
    input  logic [63:0] pixels,
    output logic [43:0] sums
);
    logic [7:0] pixel [8];
    logic [8:0] middle_pair;                // pixels 3 + 4
    logic [9:0] middle_left, middle_right;  // pixels 2..4 and 3..5

    always_comb for (int i = 0; i < 8; i++) pixel[i] = pixels[8*i +: 8];

    assign middle_pair  = pixel[3] + pixel[4];
    assign middle_left  = middle_pair + pixel[2];
    assign middle_right = middle_pair + pixel[5];

    assign sums[0  +: 11] = middle_left  + 9'(pixel[0] + pixel[1]);
    assign sums[11 +: 11] = middle_right + 9'(pixel[1] + pixel[2]);
    assign sums[22 +: 11] = middle_right + 9'(pixel[5] + pixel[6]);
    assign sums[33 +: 11] = middle_right + 9'(pixel[6] + pixel[7]);
endmodule
