// Fixed gain: y = 119 * x for an unsigned 8-bit x. 119 = 0b1110111 has six 1 bits (five adders
// as shifts and adds); in canonical signed digits it is 128 - 8 - 1, so two subtractions do.
module csd_constant_multiply (
    input  logic [7:0]  x,
    output logic [14:0] y
);
    assign y = (15'(x) << 7) - (15'(x) << 3) - 15'(x);
endmodule
