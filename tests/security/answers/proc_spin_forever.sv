// Hostile answer (a simulator that never ends): a zero-delay loop at time 0, so simulated time
// never advances and only the wall-clock limit can stop the simulator; the simulator process
// must not spin on after the scorer gave up on it. The design is wrong (outputs zero).
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
    integer spins = 0;
    initial forever begin
        spins = spins + 1;
    end
endmodule
