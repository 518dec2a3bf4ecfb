// wrong: result and out_valid appear one cycle early (sum taken straight from the products)
module dot_product (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               in_valid,
    input  logic [31:0]        a,
    input  logic [31:0]        b,
    output logic               out_valid,
    output logic signed [17:0] result
);
    logic signed [15:0] product [4];
    for (genvar i = 0; i < 4; i++) begin : g_mul
        logic signed [7:0] x, y;
        assign x = a[8*i +: 8];
        assign y = b[8*i +: 8];
        assign product[i] = x * y;
    end

    // Stage 1: the four products.  Stage 2: their sum.
    logic signed [15:0] product_q [4];
    logic               valid_q;
    logic signed [17:0] total;
    assign total = (18'(product[0]) + 18'(product[1])) + (18'(product[2]) + 18'(product[3]));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            valid_q   <= 1'b0;
            out_valid <= 1'b0;
            result    <= '0;
        end else begin
            valid_q   <= in_valid;
            out_valid <= in_valid;
            if (in_valid) begin
                result <= total;
            end
        end
    end

    always_ff @(posedge clk) begin
        if (in_valid) begin
            for (int i = 0; i < 4; i++) begin
                product_q[i] <= product[i];
            end
        end
    end
endmodule
