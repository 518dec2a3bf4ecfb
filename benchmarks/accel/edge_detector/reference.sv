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
        // History always follows the sampled input; during reset it absorbs the current level
        // so that the first cycle after reset cannot report a false edge.
        prev <= din;
        if (!rst_n) begin
            rise     <= 1'b0;
            fall     <= 1'b0;
            any_edge <= 1'b0;
        end else begin
            rise     <=  din & ~prev;
            fall     <= ~din &  prev;
            any_edge <=  din ^  prev;
        end
    end
endmodule
