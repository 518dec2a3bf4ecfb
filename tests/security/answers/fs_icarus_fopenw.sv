// Hostile answer (writing outside the work folder), Icarus only: $fopenw and $fopena are Icarus's
// own system functions (create / append), and $fstrobeh writes to the descriptor; none of them is
// the standard $fopen/$fdisplay a deny list names. Targets: the canary folder of HOME, the task
// folder, the cache folder, /tmp, an existing canary file (appended). Outputs are zero (wrong).
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
    integer f1, f2, f3, f4, f5;
    initial begin
        $display("HOSTILE-%s-@MARK@", "RAN");
        f1 = $fopenw("@HOME_DIR@/pwned-@MARK@");
        f2 = $fopenw("@TASK_DIR@/pwned-@MARK@");
        f3 = $fopenw("@CACHE_DIR@/pwned-@MARK@");
        f4 = $fopenw("/tmp/pwned-@MARK@");
        f5 = $fopena("@HOME_FILE@");
        $fstrobeh(f5, 32'hdeadbeef);
        $fstrobeh(f1, 32'hdeadbeef);
    end
endmodule
