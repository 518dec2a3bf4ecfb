// dot_product: pipelined N-lane signed dot product with a fixed latency and a valid pipeline.
//
// result = sum_i a_i * b_i, with a_i = a[i*A_WIDTH +: A_WIDTH] and b_i = b[i*B_WIDTH +: B_WIDTH]
// (two's complement). The result is exact in A_WIDTH+B_WIDTH+$clog2(N) bits.
// Pipeline: one register stage of products, then a binary adder tree with one register level
// per tree level ($clog2(N) levels; N is zero-padded to a power of two). Fixed latency
// LATENCY = 1 + $clog2(N) cycles: operands sampled with in_valid on edge t give out_valid and
// their result right after edge t+LATENCY-1; a new dot product every cycle. Registers load only
// with a valid input, so out_data holds the last valid result while out_valid is 0.
// Synchronous active-low reset clears everything (out_valid = 0, out_data = 0).
module dot_product #(
    parameter int N       = 8,
    parameter int A_WIDTH = 8,
    parameter int B_WIDTH = 8
) (
    input  logic                                         clk,
    input  logic                                         rst_n,
    input  logic                                         in_valid,
    input  logic [N*A_WIDTH-1:0]                         a,
    input  logic [N*B_WIDTH-1:0]                         b,
    output logic                                         out_valid,
    output logic signed [A_WIDTH+B_WIDTH+$clog2(N)-1:0]  out_data
);
    localparam int PW      = A_WIDTH + B_WIDTH;    // exact product width
    localparam int LEVELS  = $clog2(N);
    /* verilator lint_off UNUSEDPARAM */
    localparam int LATENCY = 1 + LEVELS;           // documentation: cycles from in_valid to out_valid
    /* verilator lint_on UNUSEDPARAM */
    localparam int LEAVES  = 1 << LEVELS;
    localparam int OUT_W   = PW + LEVELS;
    localparam int REGION  = LEAVES * OUT_W;       // bus bits reserved per tree level

    // Tree level l occupies bus[l*REGION +: REGION]; element k is
    // bus[l*REGION + k*(PW+l) +: PW+l]. Level 0 is the product registers.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [(LEVELS+1)*REGION-1:0] bus;
    /* verilator lint_on UNUSEDSIGNAL */
    logic [LEVELS:0]              valid;           // valid[l]: level l holds valid data

    // Stage 0: products.
    logic product_valid_q;
    always_ff @(posedge clk) begin
        if (!rst_n) product_valid_q <= 1'b0;
        else        product_valid_q <= in_valid;
    end
    assign valid[0] = product_valid_q;

    for (genvar i = 0; i < N; i++) begin : g_lane
        logic signed [A_WIDTH-1:0] a_lane;
        logic signed [B_WIDTH-1:0] b_lane;
        logic signed [PW-1:0]      product_q;
        assign a_lane = a[i*A_WIDTH +: A_WIDTH];
        assign b_lane = b[i*B_WIDTH +: B_WIDTH];
        always_ff @(posedge clk) begin
            if (!rst_n)        product_q <= '0;
            else if (in_valid) product_q <= PW'(a_lane) * PW'(b_lane);
        end
        assign bus[i*PW +: PW] = product_q;
    end
    if (REGION > N*PW) begin : g_pad
        assign bus[N*PW +: REGION - N*PW] = '0;
    end

    // Stages 1..LEVELS: the adder tree.
    for (genvar l = 1; l <= LEVELS; l++) begin : g_level
        localparam int IW    = PW + l - 1;
        localparam int SW    = PW + l;
        localparam int COUNT = LEAVES >> l;

        logic valid_q;
        always_ff @(posedge clk) begin
            if (!rst_n) valid_q <= 1'b0;
            else        valid_q <= valid[l-1];
        end
        assign valid[l] = valid_q;

        for (genvar k = 0; k < COUNT; k++) begin : g_node
            logic signed [IW-1:0] left;
            logic signed [IW-1:0] right;
            logic signed [SW-1:0] sum_q;
            assign left  = bus[(l-1)*REGION + (2*k)*IW +: IW];
            assign right = bus[(l-1)*REGION + (2*k+1)*IW +: IW];
            always_ff @(posedge clk) begin
                if (!rst_n)          sum_q <= '0;
                else if (valid[l-1]) sum_q <= SW'(left) + SW'(right);
            end
            assign bus[l*REGION + k*SW +: SW] = sum_q;
        end
        assign bus[l*REGION + COUNT*SW +: REGION - COUNT*SW] = '0;
    end

    assign out_valid = valid[LEVELS];
    assign out_data  = bus[LEVELS*REGION +: OUT_W];
endmodule
