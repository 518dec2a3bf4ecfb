// Hostile answer (laundering its failure as an infrastructure error): the simulation prints the
// messages of a broken machine or toolchain (disk full, a tool or Python module missing, no
// libpython), enough of them that they reach the log, then crashes the simulator with endless
// recursion (a stack overflow), so no results file exists and the log is all there is.
// Nothing here is a forbidden construct. The design is wrong (outputs zero).
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
    function automatic int depth(int n);
        return depth(n + 1) + 1;
    endfunction
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        repeat (60) begin
            $display("OSError: [Errno 28] No space left on device");
            $display("/bin/sh: 1: iverilog: command not found");
            $display("ModuleNotFoundError: No module named 'cocotb'");
            $display("Unable to find libpython");
            $display("FileNotFoundError: [Errno 2] No such file or directory: 'vvp'");
        end
        $display("%0d", depth(0));
    end
endmodule
