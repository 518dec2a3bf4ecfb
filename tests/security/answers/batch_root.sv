// Hostile answer (a neighbour in a batch): like batch_force.sv, but through $root-anchored names
// ($root.rtlwb_batch.@VICTIM@...), each hidden from a text scan behind an escaped identifier ending
// in a double slash on the same line. A correct edge detector otherwise.
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

    wire n_clk, n_rst_n, n_din;
    logic n_prev, n_rise, n_fall, n_any;
    wire \w1// = 1'b0; assign n_clk = $root.rtlwb_batch.@VICTIM@.clk;
    wire \w2// = 1'b0; assign n_rst_n = $root.rtlwb_batch.@VICTIM@.rst_n;
    wire \w3// = 1'b0; assign n_din = $root.rtlwb_batch.@VICTIM@.din;
    always_ff @(posedge n_clk) begin
        n_prev <= n_din;
        n_rise <= n_rst_n & n_din & ~n_prev;
        n_fall <= n_rst_n & ~n_din & n_prev;
        n_any <= n_rst_n & (n_din ^ n_prev);
    end
    wire \w4// = 1'b0; initial force $root.rtlwb_batch.@VICTIM@.rise = n_rise;
    wire \w5// = 1'b0; initial force $root.rtlwb_batch.@VICTIM@.fall = n_fall;
    wire \w6// = 1'b0; initial force $root.rtlwb_batch.@VICTIM@.any_edge = n_any;
endmodule
