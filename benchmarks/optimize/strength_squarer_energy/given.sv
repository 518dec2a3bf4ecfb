// Second-moment stage of an image-statistics accelerator (variance / local contrast): the sum of
// the squares of two unsigned 8-bit pixels.
module strength_squarer_energy (
    input  logic [7:0]  pixel_a,
    input  logic [7:0]  pixel_b,
    output logic [16:0] sum_of_squares
);
    assign sum_of_squares = pixel_a * pixel_a + pixel_b * pixel_b;
endmodule
