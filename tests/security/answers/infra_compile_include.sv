// Hostile answer (laundering its failure as an infrastructure error): `include of files named
// like the messages of a broken machine, so that the compiler's own error ("include file ... not
// found") reads like a full disk or a missing tool.
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
`include "No space left on device"
`include "command not found"
`include "No module named 'cocotb'"
endmodule
