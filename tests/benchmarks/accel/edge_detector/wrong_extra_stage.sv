// wrong: input goes through an extra register stage, so every pulse comes one cycle late
module edge_detector (
    input  logic clk,
    input  logic rst_n,
    input  logic din,
    output logic rise,
    output logic fall,
    output logic any_edge
);
    logic sync, prev;
    always_ff @(posedge clk) begin
        sync <= din;
        prev <= sync;
        if (!rst_n) begin
            sync     <= din;
            prev     <= din;
            rise     <= 1'b0;
            fall     <= 1'b0;
            any_edge <= 1'b0;
        end else begin
            rise     <=  sync & ~prev;
            fall     <= ~sync &  prev;
            any_edge <=  sync ^  prev;
        end
    end
endmodule
