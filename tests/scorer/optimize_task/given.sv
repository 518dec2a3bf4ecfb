module shared_mac (
    input  logic [3:0] a,
    input  logic [3:0] b,
    input  logic [3:0] c,
    output logic [7:0] y
);
    assign y = a * b + a * c;
endmodule
