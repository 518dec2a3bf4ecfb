// adder_tree: pipelined signed adder tree with a valid pipeline.
//
// Sums the N signed WIDTH-bit elements of in_data (element i at [i*WIDTH +: WIDTH]) into an
// exact signed result of WIDTH+$clog2(N) bits. The tree has LEVELS = $clog2(N) levels of
// pairwise adders with one register level each, so the sum of the elements sampled with
// in_valid on edge t appears with out_valid right after edge t+LEVELS-1 (latency LEVELS cycles,
// one new sum accepted every cycle). A level's registers load only when the valid bit feeding it
// is 1, so out_data holds the last valid sum while out_valid is 0. N need not be a power of two:
// the tree is padded with zero elements up to the next power of two.
// Synchronous active-low reset clears every register (out_data = 0, out_valid = 0).
module adder_tree #(
    parameter int N     = 8,
    parameter int WIDTH = 16
) (
    input  logic                               clk,
    input  logic                               rst_n,
    input  logic                               in_valid,
    input  logic [N*WIDTH-1:0]                 in_data,
    output logic                               out_valid,
    output logic signed [WIDTH+$clog2(N)-1:0]  out_data
);
    localparam int LEVELS = $clog2(N);
    localparam int LEAVES = 1 << LEVELS;           // N rounded up to a power of two

    // Each node reads its two children by hierarchical name rather than from one flat bus: a
    // shared multi-kilobit vector makes every register update re-evaluate every slice of it,
    // which slows event-driven simulators by orders of magnitude at N=32.
    logic [LEVELS:0] valid;                        // valid[l]: level l holds a valid sum
    assign valid[0] = in_valid;

    for (genvar l = 1; l <= LEVELS; l++) begin : g_level
        localparam int IW    = WIDTH + l - 1;     // element width of the level below
        localparam int SW    = WIDTH + l;         // element width of this level
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
            if (l == 1) begin : g_leaves
                // Leaves past N are the zero padding.
                if (2*k < N)   begin : g_left   assign left  = in_data[(2*k)*WIDTH +: WIDTH];   end
                else           begin : g_left0  assign left  = '0;                              end
                if (2*k+1 < N) begin : g_right  assign right = in_data[(2*k+1)*WIDTH +: WIDTH]; end
                else           begin : g_right0 assign right = '0;                              end
            end else begin : g_inner
                assign left  = g_level[l-1].g_node[2*k].sum_q;
                assign right = g_level[l-1].g_node[2*k+1].sum_q;
            end
            always_ff @(posedge clk) begin
                if (!rst_n)          sum_q <= '0;
                else if (valid[l-1]) sum_q <= SW'(left) + SW'(right);
            end
        end
    end

    assign out_valid = valid[LEVELS];
    assign out_data  = g_level[LEVELS].g_node[0].sum_q;
endmodule
