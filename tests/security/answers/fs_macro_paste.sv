// Hostile answer (writing outside the work folder): the file calls are assembled by a macro that
// pastes `$f` and `open` (or `display`, `close`) together, so no forbidden name appears in the text.
// Targets: the canary folder of HOME, the task folder, the cache folder, /tmp, an existing canary
// file (appended). The design itself is wrong (outputs zero).
`define F(name) $f``name
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
    integer fd;
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        fd = `F(open)("@HOME_DIR@/pwned-@MARK@", "w"); `F(display)(fd, "pwned"); `F(close)(fd);
        fd = `F(open)("@TASK_DIR@/pwned-@MARK@", "w"); `F(display)(fd, "pwned"); `F(close)(fd);
        fd = `F(open)("@CACHE_DIR@/pwned-@MARK@", "w"); `F(display)(fd, "pwned"); `F(close)(fd);
        fd = `F(open)("/tmp/pwned-@MARK@", "w"); `F(display)(fd, "pwned"); `F(close)(fd);
        fd = `F(open)("@HOME_FILE@", "a"); `F(display)(fd, "pwned-@MARK@"); `F(close)(fd);
    end
endmodule
