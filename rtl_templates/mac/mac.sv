// mac: signed multiply-accumulate unit with a wrapping accumulator.
//
// On each rising clock edge (synchronous, active-low reset):
//   rst_n = 0            -> acc <= 0
//   en = 1, clear = 0    -> acc <= acc + a*b        (modulo 2**ACC_WIDTH)
//   en = 1, clear = 1    -> acc <= a*b              (start a new sum with this product)
//   en = 0, clear = 1    -> acc <= 0
//   en = 0, clear = 0    -> acc holds
// The full A_WIDTH+B_WIDTH-bit signed product is sign-extended (or, when ACC_WIDTH is narrower,
// truncated) to ACC_WIDTH bits before the wrapping addition.
module mac #(
    parameter int A_WIDTH   = 8,
    parameter int B_WIDTH   = 8,
    parameter int ACC_WIDTH = 32
) (
    input  logic                        clk,
    input  logic                        rst_n,
    input  logic                        en,
    input  logic                        clear,
    input  logic signed [A_WIDTH-1:0]   a,
    input  logic signed [B_WIDTH-1:0]   b,
    output logic signed [ACC_WIDTH-1:0] acc
);
    localparam int PROD_WIDTH = A_WIDTH + B_WIDTH;
    // Width in which the product is formed and then cut to the accumulator width.
    localparam int EXT_WIDTH = (PROD_WIDTH > ACC_WIDTH) ? PROD_WIDTH : ACC_WIDTH;

    logic signed [PROD_WIDTH-1:0] product;
    logic signed [EXT_WIDTH-1:0]  product_ext;
    logic signed [ACC_WIDTH-1:0]  addend;
    logic signed [ACC_WIDTH-1:0]  base;

    assign product     = PROD_WIDTH'(a) * PROD_WIDTH'(b);
    assign product_ext = EXT_WIDTH'(product);
    assign addend      = product_ext[ACC_WIDTH-1:0];
    assign base        = clear ? '0 : acc;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc <= '0;
        end else if (en) begin
            acc <= base + addend;
        end else if (clear) begin
            acc <= '0;
        end
    end
endmodule
