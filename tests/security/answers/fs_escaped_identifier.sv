// Hostile answer (writing outside the work folder): $fopen/$fdisplay hidden from a text scan.
// Each hostile line opens with an escaped identifier ending in a double slash: a scanner that
// reads those two characters as the start of a comment skips the file calls after them.
// Targets: a new file in the canary folder of HOME, the task folder, the cache folder and /tmp,
// and an appended line in an existing canary file. The design itself is wrong (outputs zero).
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
    initial $display("HOSTILE-%s-@MARK@", "RAN");
    logic \h1// = 1'b0; initial begin f1 = $fopen("@HOME_DIR@/pwned-@MARK@", "w"); $fdisplay(f1, "pwned"); $fclose(f1); end
    logic \h2// = 1'b0; initial begin f2 = $fopen("@TASK_DIR@/pwned-@MARK@", "w"); $fdisplay(f2, "pwned"); $fclose(f2); end
    logic \h3// = 1'b0; initial begin f3 = $fopen("@CACHE_DIR@/pwned-@MARK@", "w"); $fdisplay(f3, "pwned"); $fclose(f3); end
    logic \h4// = 1'b0; initial begin f4 = $fopen("/tmp/pwned-@MARK@", "w"); $fdisplay(f4, "pwned"); $fclose(f4); end
    logic \h5// = 1'b0; initial begin f5 = $fopen("@HOME_FILE@", "a"); $fdisplay(f5, "pwned-@MARK@"); $fclose(f5); end
endmodule
