// systolic_array: ROWS x COLS output-stationary systolic array for C = A x B.
//
// One k-step per cycle: with in_valid high, a_in carries column k of A (row i at
// [i*A_WIDTH +: A_WIDTH]) and w_in carries row k of B (column j at [j*W_WIDTH +: W_WIDTH]).
// The array skews its edges itself: row i of the activations passes through i registers before
// PE(i,0), column j of the weights through j registers before PE(0,j). Inside the grid
// activations move one PE east per cycle and weights one PE south per cycle, so A[i][k] and
// B[k][j] meet in PE(i,j) on the edge i+j cycles after the step was sampled, and PE(i,j)
// accumulates C[i][j] = sum_k A[i][k]*B[k][j] (signed, wrapping modulo 2**ACC_WIDTH).
//
// acc packs every accumulator, PE(i,j) at [(i*COLS+j)*ACC_WIDTH +: ACC_WIDTH]. busy is 1 while
// an accepted step has not yet reached every PE; when busy is 0 (and no step is being
// presented) acc holds the complete product. clear (broadcast to every PE on one edge) zeroes
// the accumulators; a step presented with clear is kept, so clear can mark the first step of a
// new product. Assert clear only while busy is 0. Synchronous active-low reset.
module systolic_array #(
    parameter int ROWS      = 4,
    parameter int COLS      = 4,
    parameter int A_WIDTH   = 8,
    parameter int W_WIDTH   = 8,
    parameter int ACC_WIDTH = 32
) (
    input  logic                            clk,
    input  logic                            rst_n,
    input  logic                            clear,
    input  logic                            in_valid,
    input  logic [ROWS*A_WIDTH-1:0]         a_in,
    input  logic [COLS*W_WIDTH-1:0]         w_in,
    output logic [ROWS*COLS*ACC_WIDTH-1:0]  acc,
    output logic                            busy
);
    // Horizontal links: entry (i, j) is the west input of PE(i,j); j = COLS is the east edge.
    // Vertical links: entry (i, j) is the north input of PE(i,j); i = ROWS is the south edge.
    // The edge entries are driven but feed nothing.
    /* verilator lint_off UNUSEDSIGNAL */
    logic [ROWS*(COLS+1)*A_WIDTH-1:0] a_link;
    logic [ROWS*(COLS+1)-1:0]         av_link;
    logic [(ROWS+1)*COLS*W_WIDTH-1:0] w_link;
    logic [(ROWS+1)*COLS-1:0]         wv_link;
    /* verilator lint_on UNUSEDSIGNAL */

    // Pending-step flags: one per activation skew register and one per PE east output that
    // feeds another PE. Their OR is busy.
    localparam int SKEW_REGS = ROWS * (ROWS - 1) / 2;
    localparam int PEND_BITS = SKEW_REGS + ROWS * (COLS - 1) + 1;
    logic [PEND_BITS-1:0] pending;
    assign pending[PEND_BITS-1] = 1'b0;  // keeps the vector non-empty for 1x1 arrays
    assign busy = |pending;

    // West edge: row i delayed by i registers.
    for (genvar i = 0; i < ROWS; i++) begin : g_row_skew
        logic [(i+1)*A_WIDTH-1:0] data_chain;
        logic [i:0]               valid_chain;
        assign data_chain[0 +: A_WIDTH] = a_in[i*A_WIDTH +: A_WIDTH];
        assign valid_chain[0]           = in_valid;
        for (genvar s = 0; s < i; s++) begin : g_stage
            logic [A_WIDTH-1:0] data_q;
            logic               valid_q;
            always_ff @(posedge clk) begin
                if (!rst_n) begin
                    data_q  <= '0;
                    valid_q <= 1'b0;
                end else begin
                    valid_q <= valid_chain[s];
                    if (valid_chain[s]) data_q <= data_chain[s*A_WIDTH +: A_WIDTH];
                end
            end
            assign data_chain[(s+1)*A_WIDTH +: A_WIDTH] = data_q;
            assign valid_chain[s+1]                     = valid_q;
            assign pending[i*(i-1)/2 + s]               = valid_q;
        end
        assign a_link[(i*(COLS+1))*A_WIDTH +: A_WIDTH] = data_chain[i*A_WIDTH +: A_WIDTH];
        assign av_link[i*(COLS+1)]                     = valid_chain[i];
    end

    // North edge: column j delayed by j registers.
    for (genvar j = 0; j < COLS; j++) begin : g_col_skew
        logic [(j+1)*W_WIDTH-1:0] data_chain;
        logic [j:0]               valid_chain;
        assign data_chain[0 +: W_WIDTH] = w_in[j*W_WIDTH +: W_WIDTH];
        assign valid_chain[0]           = in_valid;
        for (genvar s = 0; s < j; s++) begin : g_stage
            logic [W_WIDTH-1:0] data_q;
            logic               valid_q;
            always_ff @(posedge clk) begin
                if (!rst_n) begin
                    data_q  <= '0;
                    valid_q <= 1'b0;
                end else begin
                    valid_q <= valid_chain[s];
                    if (valid_chain[s]) data_q <= data_chain[s*W_WIDTH +: W_WIDTH];
                end
            end
            assign data_chain[(s+1)*W_WIDTH +: W_WIDTH] = data_q;
            assign valid_chain[s+1]                     = valid_q;
        end
        assign w_link[j*W_WIDTH +: W_WIDTH] = data_chain[j*W_WIDTH +: W_WIDTH];
        assign wv_link[j]                   = valid_chain[j];
    end

    // The grid of processing elements.
    for (genvar i = 0; i < ROWS; i++) begin : g_row
        for (genvar j = 0; j < COLS; j++) begin : g_col
            localparam int H_IN  = i*(COLS+1) + j;
            localparam int H_OUT = i*(COLS+1) + j + 1;
            localparam int V_IN  = i*COLS + j;
            localparam int V_OUT = (i+1)*COLS + j;

            systolic_array_pe #(
                .AW(A_WIDTH), .WW(W_WIDTH), .ACCW(ACC_WIDTH)
            ) u_pe (
                .clk         (clk),
                .rst_n       (rst_n),
                .clear       (clear),
                .a_in        (a_link[H_IN*A_WIDTH +: A_WIDTH]),
                .a_valid_in  (av_link[H_IN]),
                .w_in        (w_link[V_IN*W_WIDTH +: W_WIDTH]),
                .w_valid_in  (wv_link[V_IN]),
                .a_out       (a_link[H_OUT*A_WIDTH +: A_WIDTH]),
                .a_valid_out (av_link[H_OUT]),
                .w_out       (w_link[V_OUT*W_WIDTH +: W_WIDTH]),
                .w_valid_out (wv_link[V_OUT]),
                .acc         (acc[(i*COLS+j)*ACC_WIDTH +: ACC_WIDTH])
            );

            if (j < COLS - 1) begin : g_pending
                assign pending[SKEW_REGS + i*(COLS-1) + j] = av_link[H_OUT];
            end
        end
    end
endmodule

/* verilator lint_off DECLFILENAME */
// systolic_array_pe: the processing element of systolic_array (same behaviour as the
// systolic_pe block, kept in this file so systolic_array is self-contained).
// fire = a_valid_in & w_valid_in; acc <= (clear ? 0 : acc) + (fire ? a_in*w_in : 0);
// a_out/w_out are registered copies of the last valid operand, valids are delayed one cycle.
module systolic_array_pe #(
    parameter int AW   = 8,
    parameter int WW   = 8,
    parameter int ACCW = 32
) (
    input  logic                   clk,
    input  logic                   rst_n,
    input  logic                   clear,
    input  logic signed [AW-1:0]   a_in,
    input  logic                   a_valid_in,
    input  logic signed [WW-1:0]   w_in,
    input  logic                   w_valid_in,
    output logic signed [AW-1:0]   a_out,
    output logic                   a_valid_out,
    output logic signed [WW-1:0]   w_out,
    output logic                   w_valid_out,
    output logic signed [ACCW-1:0] acc
);
    localparam int PW = AW + WW;
    localparam int EW = (PW > ACCW) ? PW : ACCW;

    logic                 fire;
    logic signed [PW-1:0] product;
    logic signed [EW-1:0] product_ext;
    logic signed [ACCW-1:0] base;

    assign fire        = a_valid_in & w_valid_in;
    assign product     = PW'(a_in) * PW'(w_in);
    assign product_ext = EW'(product);
    assign base        = clear ? '0 : acc;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            acc         <= '0;
            a_valid_out <= 1'b0;
            w_valid_out <= 1'b0;
            a_out       <= '0;
            w_out       <= '0;
        end else begin
            acc         <= fire ? base + product_ext[ACCW-1:0] : base;
            a_valid_out <= a_valid_in;
            w_valid_out <= w_valid_in;
            if (a_valid_in) a_out <= a_in;
            if (w_valid_in) w_out <= w_in;
        end
    end
endmodule
/* verilator lint_on DECLFILENAME */
