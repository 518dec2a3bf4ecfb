// mac_array: LANES independent signed multiply-accumulate lanes sharing en and clear.
//
// Lane i multiplies a[i*A_WIDTH +: A_WIDTH] by b[i*B_WIDTH +: B_WIDTH] (both signed) and keeps
// its own wrapping accumulator in acc[i*ACC_WIDTH +: ACC_WIDTH]. Per rising edge (synchronous,
// active-low reset), for every lane at once:
//   rst_n = 0            -> acc_i <= 0
//   en = 1, clear = 0    -> acc_i <= acc_i + a_i*b_i    (modulo 2**ACC_WIDTH)
//   en = 1, clear = 1    -> acc_i <= a_i*b_i
//   en = 0, clear = 1    -> acc_i <= 0
//   en = 0, clear = 0    -> acc_i holds
module mac_array #(
    parameter int LANES     = 4,
    parameter int A_WIDTH   = 8,
    parameter int B_WIDTH   = 8,
    parameter int ACC_WIDTH = 32
) (
    input  logic                         clk,
    input  logic                         rst_n,
    input  logic                         en,
    input  logic                         clear,
    input  logic [LANES*A_WIDTH-1:0]     a,
    input  logic [LANES*B_WIDTH-1:0]     b,
    output logic [LANES*ACC_WIDTH-1:0]   acc
);
    localparam int PROD_WIDTH = A_WIDTH + B_WIDTH;
    localparam int EXT_WIDTH = (PROD_WIDTH > ACC_WIDTH) ? PROD_WIDTH : ACC_WIDTH;

    for (genvar lane = 0; lane < LANES; lane++) begin : g_lane
        logic signed [A_WIDTH-1:0]    a_lane;
        logic signed [B_WIDTH-1:0]    b_lane;
        logic signed [PROD_WIDTH-1:0] product;
        logic signed [EXT_WIDTH-1:0]  product_ext;
        logic signed [ACC_WIDTH-1:0]  addend;
        logic signed [ACC_WIDTH-1:0]  base;
        logic signed [ACC_WIDTH-1:0]  acc_q;

        assign a_lane      = a[lane*A_WIDTH +: A_WIDTH];
        assign b_lane      = b[lane*B_WIDTH +: B_WIDTH];
        assign product     = PROD_WIDTH'(a_lane) * PROD_WIDTH'(b_lane);
        assign product_ext = EXT_WIDTH'(product);
        assign addend      = product_ext[ACC_WIDTH-1:0];
        assign base        = clear ? '0 : acc_q;

        always_ff @(posedge clk) begin
            if (!rst_n) begin
                acc_q <= '0;
            end else if (en) begin
                acc_q <= base + addend;
            end else if (clear) begin
                acc_q <= '0;
            end
        end

        assign acc[lane*ACC_WIDTH +: ACC_WIDTH] = acc_q;
    end
endmodule
