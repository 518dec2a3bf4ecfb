// Hostile answer (a simulator that never ends): a register that toggles itself through a
// nonblocking assignment on its own change, started once at 1 ns: delta cycle after delta cycle at
// the same time, so simulated time never advances again; the simulator must not spin on after the
// scorer gave up on it. Outputs are zero.
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    logic toggle = 1'b0;
    initial #1 toggle = 1'b1;
    always @(toggle) toggle <= ~toggle;
    assign rise = 1'b0;
    assign fall = 1'b0;
    assign any_edge = 1'b0;
endmodule
