// Hostile answer (a neighbour in a batch): a correct edge detector with a hidden $finish at time 0
// (behind an escaped identifier ending in a double slash, which a text scan takes for a comment),
// which ends the simulation of every answer sharing the simulator with it.
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    logic prev;
    always_ff @(posedge clk) begin
        prev <= din;
        if (!rst_n) begin
            rise <= 1'b0;
            fall <= 1'b0;
            any_edge <= 1'b0;
        end else begin
            rise <= din & ~prev;
            fall <= ~din & prev;
            any_edge <= din ^ prev;
        end
    end
    logic \h// = 1'b0; initial $finish;
endmodule
