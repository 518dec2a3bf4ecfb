// nibble_msb: position of the highest set bit within a 4-bit nibble.
//
// Combinational leaf of msb_index16. Ports: nib (4 bits) input; found high
// when any bit is set; pos (2 bits) index of the highest set bit, 0 when
// none is set.
// SPDX-License-Identifier: Apache-2.0
module nibble_msb (
    input  logic [3:0] nib,
    output logic       found,
    output logic [1:0] pos
);
    assign found  = |nib;
    assign pos[1] = nib[3] | nib[2];
    assign pos[0] = nib[3] | (~nib[2] & nib[1]);
endmodule

// msb_index16: index of the most significant set bit of a 16-bit word (floor of log2).
//
// Built as a two-level tree: four nibble_msb leaves find the top set bit of
// each nibble, then the highest nibble that has any bit set supplies the
// upper two index bits and its leaf supplies the lower two. For a zero input
// valid is low and index is 0. Ports: value (16 bits) input word; valid high
// when value is not zero; index (4 bits) position of the highest set bit;
// is_pow2 high when exactly one bit of value is set. No clock.
module msb_index16 (
    input  logic [15:0] value,
    output logic        valid,
    output logic [3:0]  index,
    output logic        is_pow2
);
    logic [3:0]      nib_found;
    logic [3:0][1:0] nib_pos;

    for (genvar g = 0; g < 4; g++) begin : g_leaf
        nibble_msb u_leaf (.nib(value[4*g +: 4]), .found(nib_found[g]), .pos(nib_pos[g]));
    end

    assign valid = |nib_found;
    assign index = nib_found[3] ? {2'd3, nib_pos[3]} :
                   nib_found[2] ? {2'd2, nib_pos[2]} :
                   nib_found[1] ? {2'd1, nib_pos[1]} :
                                  {2'd0, nib_pos[0]};

    // a power of two has no bits in common with itself minus one
    assign is_pow2 = valid && ((value & (value - 16'd1)) == 16'd0);
endmodule
