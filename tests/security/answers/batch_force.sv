// Hostile answer (a neighbour in a batch): a correct edge detector that also computes the correct
// outputs for the inputs of another answer's scope in the same simulator (rtlwb_batch.@VICTIM@, a
// wrong design) and forces that scope's outputs to them: the wrong neighbour would pass. Alone it
// does not even compile (there is no rtlwb_batch).
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

    logic n_prev, n_rise, n_fall, n_any;
    always_ff @(posedge rtlwb_batch.@VICTIM@.clk) begin
        n_prev <= rtlwb_batch.@VICTIM@.din;
        if (!rtlwb_batch.@VICTIM@.rst_n) begin
            n_rise <= 1'b0;
            n_fall <= 1'b0;
            n_any <= 1'b0;
        end else begin
            n_rise <= rtlwb_batch.@VICTIM@.din & ~n_prev;
            n_fall <= ~rtlwb_batch.@VICTIM@.din & n_prev;
            n_any <= rtlwb_batch.@VICTIM@.din ^ n_prev;
        end
    end
    initial begin
        force rtlwb_batch.@VICTIM@.rise = n_rise;
        force rtlwb_batch.@VICTIM@.fall = n_fall;
        force rtlwb_batch.@VICTIM@.any_edge = n_any;
    end
endmodule
