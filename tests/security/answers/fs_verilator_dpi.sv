// Hostile answer (writing outside the work folder), Verilator: a DPI-C import of the C library's
// own system() needs no C file of the answer's: Verilator links the call straight to libc.
// Targets: the canary folder of HOME, the task folder, the cache folder, /tmp, an existing canary
// file (appended). The design itself is wrong (outputs zero).
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    import "DPI-C" function int system(input string command);
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        void'(system("touch @HOME_DIR@/pwned-@MARK@ @TASK_DIR@/pwned-@MARK@ @CACHE_DIR@/pwned-@MARK@ /tmp/pwned-@MARK@; echo pwned-@MARK@ >> @HOME_FILE@"));
    end
endmodule
