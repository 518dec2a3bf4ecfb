// systolic_pe: output-stationary processing element for a systolic matrix multiplier.
//
// The activation enters from the west (a_in) and leaves registered to the east (a_out); the
// weight enters from the north (w_in) and leaves registered to the south (w_out). Each operand
// travels with its own valid bit. When both incoming valids are high the PE accumulates
// a_in*w_in into its local (stationary) signed accumulator, which wraps modulo 2**ACC_WIDTH.
//
// Per rising edge (synchronous, active-low reset clears every register):
//   fire = a_valid_in & w_valid_in
//   acc         <= fire ? (clear ? 0 : acc) + a_in*w_in : (clear ? 0 : acc)
//   a_valid_out <= a_valid_in;  a_out <= a_in when a_valid_in, else holds
//   w_valid_out <= w_valid_in;  w_out <= w_in when w_valid_in, else holds
module systolic_pe #(
    parameter int A_WIDTH   = 8,
    parameter int W_WIDTH   = 8,
    parameter int ACC_WIDTH = 32
) (
    input  logic                        clk,
    input  logic                        rst_n,
    input  logic                        clear,
    input  logic signed [A_WIDTH-1:0]   a_in,
    input  logic                        a_valid_in,
    input  logic signed [W_WIDTH-1:0]   w_in,
    input  logic                        w_valid_in,
    output logic signed [A_WIDTH-1:0]   a_out,
    output logic                        a_valid_out,
    output logic signed [W_WIDTH-1:0]   w_out,
    output logic                        w_valid_out,
    output logic signed [ACC_WIDTH-1:0] acc
);
    localparam int PROD_WIDTH = A_WIDTH + W_WIDTH;
    localparam int EXT_WIDTH = (PROD_WIDTH > ACC_WIDTH) ? PROD_WIDTH : ACC_WIDTH;

    logic                         fire;
    logic signed [PROD_WIDTH-1:0] product;
    logic signed [EXT_WIDTH-1:0]  product_ext;
    logic signed [ACC_WIDTH-1:0]  addend;
    logic signed [ACC_WIDTH-1:0]  base;

    assign fire        = a_valid_in & w_valid_in;
    assign product     = PROD_WIDTH'(a_in) * PROD_WIDTH'(w_in);
    assign product_ext = EXT_WIDTH'(product);
    assign addend      = product_ext[ACC_WIDTH-1:0];
    assign base        = clear ? '0 : acc;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc <= '0;
        end else if (fire) begin
            acc <= base + addend;
        end else begin
            acc <= base;
        end
    end

    // Registered pass-through: data registers load only with a valid operand.
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            a_valid_out <= 1'b0;
            w_valid_out <= 1'b0;
            a_out       <= '0;
            w_out       <= '0;
        end else begin
            a_valid_out <= a_valid_in;
            w_valid_out <= w_valid_in;
            if (a_valid_in) a_out <= a_in;
            if (w_valid_in) w_out <= w_in;
        end
    end
endmodule
