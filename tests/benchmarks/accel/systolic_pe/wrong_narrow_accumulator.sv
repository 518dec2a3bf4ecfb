// wrong: the running sum is kept in 2*DATA_W bits and sign-extended, so it wraps too early
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
    logic signed [2*DATA_W-1:0] sum;
    assign product = act_in * weight_in;
    assign acc = sum;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            act_out    <= '0;
            weight_out <= '0;
            sum        <= '0;
        end else begin
            act_out    <= act_in;
            weight_out <= weight_in;
            if (clear && valid) begin
                sum <= product;
            end else if (clear) begin
                sum <= '0;
            end else if (valid) begin
                sum <= sum + product;
            end
        end
    end
endmodule
