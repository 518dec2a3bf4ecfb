// wrong: history bit resets to 0, so a high input during reset gives a false rise on release
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
        if (!rst_n) begin
            prev     <= 1'b0;
            rise     <= 1'b0;
            fall     <= 1'b0;
            any_edge <= 1'b0;
        end else begin
            prev     <= din;
            rise     <=  din & ~prev;
            fall     <= ~din &  prev;
            any_edge <=  din ^  prev;
        end
    end
endmodule
