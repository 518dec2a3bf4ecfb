// Hostile answer (writing outside the work folder), Verilator: $c inserts its text as C++ into
// the verilated model, which then calls fopen and system() from inside the simulator.
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
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        $c("{ FILE* f = std::fopen(\"@HOME_DIR@/pwned-@MARK@\", \"w\"); if (f) { std::fputs(\"pwned\", f); std::fclose(f); } }");
        $c("std::system(\"touch @TASK_DIR@/pwned-@MARK@ @CACHE_DIR@/pwned-@MARK@ /tmp/pwned-@MARK@; echo pwned-@MARK@ >> @HOME_FILE@\");");
    end
endmodule
