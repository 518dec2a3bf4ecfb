// wrong: the product is computed unsigned (operands zero-extended)
module systolic_pe #(
    parameter int DATA_W = 8,
    parameter int ACC_W  = 24
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic signed [DATA_W-1:0] act_in,
    input  logic signed [DATA_W-1:0] weight_in,
    input  logic                     valid,
    input  logic                     clear,
    output logic signed [DATA_W-1:0] act_out,
    output logic signed [DATA_W-1:0] weight_out,
    output logic signed [ACC_W-1:0]  acc
);
    logic [2*DATA_W-1:0] product;
    assign product = $unsigned(act_in) * $unsigned(weight_in);

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            act_out    <= '0;
            weight_out <= '0;
            acc        <= '0;
        end else begin
            act_out    <= act_in;
            weight_out <= weight_in;
            if (clear && valid) begin
                acc <= ACC_W'(product);
            end else if (clear) begin
                acc <= '0;
            end else if (valid) begin
                acc <= acc + ACC_W'(product);
            end
        end
    end
endmodule
