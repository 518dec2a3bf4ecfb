// wrong: the loop stops at bit 6 since row 7 has no pairs, dropping bit 7's diagonal term 2^14
// Second-moment stage of an image-statistics accelerator (variance / local contrast): the sum of
// the squares of two unsigned 8-bit pixels. A square needs only half a multiplier's partial
// products: x[k]*x[k] is x[k] itself (weight 2^(2k)), and x[j]*x[k] and x[k]*x[j] (j > k) add up
// to one product counted twice (weight 2^(j+k+1)).
module strength_squarer_energy (
    input  logic [7:0]  pixel_a,
    input  logic [7:0]  pixel_b,
    output logic [16:0] sum_of_squares
);
    function automatic logic [15:0] square(input logic [7:0] x);
        logic [15:0] diagonal, pairs;
        diagonal = '0;
        pairs = '0;
        for (int k = 0; k < 7; k++) begin
            diagonal[2 * k] = x[k];
            // row k: x[k] times the bits above it, x[j] at weight 2^(j+k), doubled below
            pairs = pairs + ((16'(x >> (k + 1)) & {16{x[k]}}) << (2 * k + 1));
        end
        square = diagonal + (pairs << 1);
    endfunction

    assign sum_of_squares = 17'(square(pixel_a)) + 17'(square(pixel_b));
endmodule
