// Hostile answer (laundering its failure as an infrastructure error): the simulation prints
// "No space left on device" well past the task's output limit (1 MB in the test), then crashes the
// simulator with endless recursion: the run ends at once, without results, with its log full and
// ending in a disk-full message. Nothing here is a forbidden construct. Outputs are zero (wrong).
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
        repeat (50000) $display("OSError: [Errno 28] No space left on device");
        $display("%0d", depth(0));
    end
endmodule
