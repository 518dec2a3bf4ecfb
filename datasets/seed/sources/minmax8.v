// mm_node: merge two (minimum, maximum) pairs into one.
//
// Combinational cell of the minmax8 comparator tree. Ports: lo_a, hi_a
// (W bits) minimum and maximum of the first group; lo_b, hi_b (W bits) of
// the second group; lo, hi (W bits) minimum and maximum of both groups.
// Parameter W (default 8). Values are unsigned.
// SPDX-License-Identifier: Apache-2.0
module mm_node #(
    parameter W = 8
) (
    input  wire [W-1:0] lo_a,
    input  wire [W-1:0] hi_a,
    input  wire [W-1:0] lo_b,
    input  wire [W-1:0] hi_b,
    output wire [W-1:0] lo,
    output wire [W-1:0] hi
);
    assign lo = (lo_b < lo_a) ? lo_b : lo_a;
    assign hi = (hi_b > hi_a) ? hi_b : hi_a;
endmodule

// minmax8: minimum, maximum and spread of eight unsigned values through a comparator tree.
//
// The eight inputs, packed into one bus (element i in bits W*i+W-1:W*i), are
// reduced in three levels of mm_node cells: each element starts as its own
// (min, max) pair, pairs are merged 8 -> 4 -> 2 -> 1. The spread output is
// max - min. Everything is combinational; the tree keeps the depth at three
// comparators instead of seven. Ports: values (8*W bits) packed inputs;
// min_v (W bits) smallest element; max_v (W bits) largest element; spread
// (W bits) their difference. Parameter W (default 8).
module minmax8 #(
    parameter W = 8
) (
    input  wire [8*W-1:0] values,
    output wire [W-1:0]   min_v,
    output wire [W-1:0]   max_v,
    output wire [W-1:0]   spread
);
    // level 0 holds 8 pairs, level 1 holds 4, level 2 holds 2, level 3 holds 1
    wire [8*W-1:0] lo0 = values, hi0 = values;
    wire [4*W-1:0] lo1, hi1;
    wire [2*W-1:0] lo2, hi2;

    genvar i;
    generate
        for (i = 0; i < 4; i = i + 1) begin : g_l1
            mm_node #(.W(W)) u_node (
                .lo_a(lo0[2*i*W +: W]), .hi_a(hi0[2*i*W +: W]),
                .lo_b(lo0[(2*i+1)*W +: W]), .hi_b(hi0[(2*i+1)*W +: W]),
                .lo(lo1[i*W +: W]), .hi(hi1[i*W +: W]));
        end
        for (i = 0; i < 2; i = i + 1) begin : g_l2
            mm_node #(.W(W)) u_node (
                .lo_a(lo1[2*i*W +: W]), .hi_a(hi1[2*i*W +: W]),
                .lo_b(lo1[(2*i+1)*W +: W]), .hi_b(hi1[(2*i+1)*W +: W]),
                .lo(lo2[i*W +: W]), .hi(hi2[i*W +: W]));
        end
    endgenerate

    mm_node #(.W(W)) u_root (
        .lo_a(lo2[0 +: W]), .hi_a(hi2[0 +: W]), .lo_b(lo2[W +: W]), .hi_b(hi2[W +: W]),
        .lo(min_v), .hi(max_v));

    assign spread = max_v - min_v;
endmodule
