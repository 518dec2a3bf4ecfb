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
    logic signed [2*DATA_W-1:0] product;
    logic signed [ACC_W-1:0]    product_ext;
    assign product     = act_in * weight_in;
    assign product_ext = ACC_W'(product);

    logic signed [ACC_W-1:0] base;
    assign base = clear ? '0 : acc;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            act_out    <= '0;
            weight_out <= '0;
            acc        <= '0;
        end else begin
            act_out    <= act_in;
            weight_out <= weight_in;
            if (valid) begin
                acc <= base + product_ext;
            end else begin
                acc <= base;
            end
        end
    end
endmodule
