// wrong: out_valid is a one-cycle pulse per accepted word, so a stalled word is dropped
module pipeline_reg #(
    parameter int WIDTH = 16
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             in_valid,
    output logic             in_ready,
    input  logic [WIDTH-1:0] in_data,
    output logic             out_valid,
    input  logic             out_ready,
    output logic [WIDTH-1:0] out_data
);
    assign in_ready = !out_valid || out_ready;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
        end else begin
            out_valid <= in_valid && in_ready;
        end
    end

    always_ff @(posedge clk) begin
        if (in_ready && in_valid) out_data <= in_data;
    end
endmodule
