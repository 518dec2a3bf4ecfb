// alu8_flags: 8-bit combinational ALU with zero, negative, carry and overflow flags.
//
// Eight operations selected by op: 0 add, 1 subtract (a - b), 2 add with
// carry in, 3 AND, 4 OR, 5 XOR, 6 shift a left by one (carry gets the bit
// shifted out), 7 arithmetic shift a right by one (carry gets bit 0). The
// zero flag is set when the result is 0 and the negative flag copies bit 7
// of the result. For add and add-with-carry, carry is the carry out and
// overflow is set when two operands of the same sign give a result of the
// other sign; for subtract, carry means "no borrow" (a >= b unsigned) and
// overflow is the signed overflow of a - b. Logic operations clear carry and
// overflow; shifts clear overflow. Ports: a, b (8 bits) operands; op (3
// bits) operation; cin carry in for op 2; y (8 bits) result; zf, nf, cf, vf
// the flags. No clock.
// SPDX-License-Identifier: Apache-2.0
module alu8_flags (
    input  wire [7:0] a,
    input  wire [7:0] b,
    input  wire [2:0] op,
    input  wire       cin,
    output reg  [7:0] y,
    output wire       zf,
    output wire       nf,
    output reg        cf,
    output reg        vf
);
    wire [8:0] sum  = {1'b0, a} + {1'b0, b} + {8'd0, (op == 3'd2) & cin};
    wire [8:0] diff = {1'b0, a} + {1'b0, ~b} + 9'd1;

    always @* begin
        cf = 1'b0;
        vf = 1'b0;
        case (op)
            3'd0, 3'd2: begin
                y  = sum[7:0];
                cf = sum[8];
                vf = (a[7] == b[7]) && (y[7] != a[7]);
            end
            3'd1: begin
                y  = diff[7:0];
                cf = diff[8];
                vf = (a[7] != b[7]) && (y[7] != a[7]);
            end
            3'd3: y = a & b;
            3'd4: y = a | b;
            3'd5: y = a ^ b;
            3'd6: begin
                y  = {a[6:0], 1'b0};
                cf = a[7];
            end
            default: begin
                y  = {a[7], a[7:1]};
                cf = a[0];
            end
        endcase
    end

    assign zf = (y == 8'd0);
    assign nf = y[7];
endmodule
