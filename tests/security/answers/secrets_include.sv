// Hostile answer (reading secrets), Verilog: `include of a canary file of HOME in the middle of an
// expression. Its text is an identifier the design never declares, so the compiler reports it by
// name (and quotes the line): the secret ends up in the compile error the scorer reports.
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
    localparam int leak = 1 +
`include "@HOME_FILE@"
    ;
endmodule
