// Fixed gain: y = 119 * x for an unsigned 8-bit x.
module csd_constant_multiply (
    input  logic [7:0]  x,
    output logic [14:0] y
);
    assign y = x * 7'd119;
endmodule
