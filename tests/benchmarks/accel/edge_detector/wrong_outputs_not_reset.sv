// wrong: reset only reloads the history bit; the pulse outputs keep detecting during reset
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
        prev     <= din;
        rise     <=  din & ~prev;
        fall     <= ~din &  prev;
        any_edge <=  din ^  prev;
    end
endmodule
