// wrong: reset clears the accumulator but not the overflow flag
module mac_unit #(parameter int IN_WIDTH = 8, parameter int ACC_WIDTH = 24) (
    input  logic clk, rst_n, en, clear,
    input  logic signed [IN_WIDTH-1:0] a, b,
    output logic signed [ACC_WIDTH-1:0] acc,
    output logic overflow
);
    localparam logic signed [ACC_WIDTH-1:0] MAX_VALUE = {1'b0, {(ACC_WIDTH-1){1'b1}}};
    localparam logic signed [ACC_WIDTH-1:0] MIN_VALUE = {1'b1, {(ACC_WIDTH-1){1'b0}}};
    logic signed [2*IN_WIDTH-1:0] product;
    logic signed [ACC_WIDTH:0] sum;
    assign product = a * b;
    assign sum = acc + product;
    logic above, below;
    assign above = !sum[ACC_WIDTH] && sum[ACC_WIDTH-1];
    assign below = sum[ACC_WIDTH] && !sum[ACC_WIDTH-1];
    logic signed [ACC_WIDTH-1:0] clamped;
    assign clamped = above ? MAX_VALUE : below ? MIN_VALUE : sum[ACC_WIDTH-1:0];
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc <= '0;
        end else if (clear) begin
            acc <= '0; overflow <= 1'b0;
        end else if (en) begin
            acc <= clamped; overflow <= overflow || above || below;
        end
    end
endmodule
