// pool_unit: max or average pooling over WINDOW parallel inputs, with one register stage.
//
// in_data packs the WINDOW elements of one pooling window, element i at [i*WIDTH +: WIDTH],
// interpreted as two's complement (SIGNED = 1) or unsigned (SIGNED = 0).
//   MODE = 0 (max):     out = the largest element
//   MODE = 1 (average): out = floor(sum / WINDOW + 1/2)   (rounded half up, towards +infinity)
// A power-of-two WINDOW averages with an add and an arithmetic shift; any other WINDOW uses a
// floor division by the constant 2*WINDOW (same rounding). The reduction is a combinational
// binary tree; the result is registered: in_data sampled with in_valid on a rising edge appears
// on out_data with out_valid right after that edge, and out_data holds while in_valid is 0.
// Synchronous active-low reset clears out_valid and out_data.
module pool_unit #(
    parameter int MODE   = 0,
    parameter int WINDOW = 4,
    parameter int WIDTH  = 8,
    parameter int SIGNED = 1
) (
    input  logic                      clk,
    input  logic                      rst_n,
    input  logic                      in_valid,
    input  logic [WINDOW*WIDTH-1:0]   in_data,
    output logic                      out_valid,
    output logic [WIDTH-1:0]          out_data
);
    localparam int LEVELS = $clog2(WINDOW);
    localparam int LEAVES = 1 << LEVELS;
    // Every tree value is a signed SW-bit number: one bit more than WIDTH so unsigned inputs
    // compare correctly as non-negative values, plus LEVELS bits of sum growth.
    localparam int SW     = WIDTH + 1 + LEVELS;

    // Tree level l (0 = leaves) is g_level[l].nodes, LEAVES >> l values of SW bits, node k at
    // [k*SW +: SW]. Leaves are the extended inputs; padding leaves repeat element 0 (max mode)
    // or are 0 (average mode), so they never change the result.
    for (genvar l = 0; l <= LEVELS; l++) begin : g_level
        logic [(LEAVES >> l)*SW-1:0] nodes;
        if (l == 0) begin : g_leaves
            for (genvar i = 0; i < LEAVES; i++) begin : g_leaf
                logic [WIDTH-1:0] element;
                logic             fill;
                if (i < WINDOW) begin : g_input
                    assign element = in_data[i*WIDTH +: WIDTH];
                end else if (MODE == 0) begin : g_pad_max
                    assign element = in_data[0 +: WIDTH];
                end else begin : g_pad_avg
                    assign element = '0;
                end
                assign fill = (SIGNED != 0) ? element[WIDTH-1] : 1'b0;
                assign nodes[i*SW +: SW] = {{(SW-WIDTH){fill}}, element};
            end
        end else begin : g_reduce
            for (genvar k = 0; k < (LEAVES >> l); k++) begin : g_node
                logic signed [SW-1:0] left;
                logic signed [SW-1:0] right;
                assign left  = g_level[l-1].nodes[(2*k)*SW +: SW];
                assign right = g_level[l-1].nodes[(2*k+1)*SW +: SW];
                if (MODE == 0) begin : g_max
                    assign nodes[k*SW +: SW] = (right > left) ? right : left;
                end else begin : g_sum
                    assign nodes[k*SW +: SW] = left + right;
                end
            end
        end
    end

    logic signed [SW-1:0] root;      // the maximum, or the sum of the window
    /* verilator lint_off UNUSEDSIGNAL */
    logic signed [SW-1:0] pooled;    // the value to output; it always fits in WIDTH bits
    /* verilator lint_on UNUSEDSIGNAL */
    assign root = g_level[LEVELS].nodes;

    if (MODE == 0 || WINDOW == 1) begin : g_root
        assign pooled = root;
    end else if ((WINDOW & (WINDOW - 1)) == 0) begin : g_shift_avg
        localparam logic signed [SW-1:0] HALF = SW'(WINDOW / 2);
        assign pooled = (root + HALF) >>> LEVELS;
    end else begin : g_divide_avg
        // floor((2*sum + WINDOW) / (2*WINDOW)), a floor division of a signed numerator.
        localparam int NW = SW + 2;
        localparam logic signed [NW-1:0] DEN = NW'(2 * WINDOW);
        logic signed [NW-1:0] numerator;
        logic signed [NW-1:0] magnitude;
        /* verilator lint_off UNUSEDSIGNAL */
        logic signed [NW-1:0] quotient;
        /* verilator lint_on UNUSEDSIGNAL */
        assign numerator = (NW'(root) <<< 1) + NW'(WINDOW);
        assign magnitude = -numerator;
        assign quotient  = (numerator < 0) ? -((magnitude + DEN - 1) / DEN) : numerator / DEN;
        assign pooled    = SW'(quotient);
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            out_data  <= '0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) out_data <= pooled[WIDTH-1:0];
        end
    end
endmodule
