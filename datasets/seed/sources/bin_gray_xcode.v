// bin_gray_xcode: combinational binary-to-Gray and Gray-to-binary converter pair.
//
// Two independent W-bit conversions side by side. gray_out is the reflected
// Gray code of bin_in: every bit is the XOR of a binary bit and the next more
// significant binary bit, the top bit is copied. bin_out is the binary number
// whose Gray code is gray_in, rebuilt by a running XOR from the most
// significant bit downwards. Ports: bin_in (W bits) binary value to encode;
// gray_out (W bits) its Gray code; gray_in (W bits) Gray code to decode;
// bin_out (W bits) the decoded binary value. Parameter W (default 8) is the
// width of all four buses. The block has no clock and no state.
// SPDX-License-Identifier: Apache-2.0
module bin_gray_xcode #(
    parameter W = 8
) (
    input  wire [W-1:0] bin_in,
    output wire [W-1:0] gray_out,
    input  wire [W-1:0] gray_in,
    output wire [W-1:0] bin_out
);
    assign gray_out = bin_in ^ {1'b0, bin_in[W-1:1]};

    genvar k;
    generate
        for (k = 0; k < W; k = k + 1) begin : g_dec
            // bit k of the binary value is the parity of Gray bits k and above
            assign bin_out[k] = ^gray_in[W-1:k];
        end
    endgenerate
endmodule
