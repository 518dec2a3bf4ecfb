// smul_seq: sequential signed multiplier using sign-magnitude shift-and-add, one bit per cycle.
//
// On start the magnitudes of the two signed W-bit operands are taken and the
// sign of the result is remembered. For W cycles the multiplier magnitude
// is examined from its least significant bit; when the bit is 1 the
// multiplicand magnitude, aligned to that bit, is added to the partial
// product. At the end the product is negated if the operand signs differed.
// The most negative input (-2**(W-1)) works because its magnitude fits in W
// unsigned bits. Ports: clk rising-edge clock; rst_n asynchronous active-low
// reset; start begin a multiplication (ignored while busy); a, b (W bits,
// signed) operands, sampled with start; busy high while multiplying; done
// one-cycle pulse when product is ready; product (2W bits, signed) result,
// held until the next start completes. Parameter W (default 8).
// SPDX-License-Identifier: Apache-2.0
module smul_seq #(
    parameter int W = 8
) (
    input  logic                  clk,
    input  logic                  rst_n,
    input  logic                  start,
    input  logic signed [W-1:0]   a,
    input  logic signed [W-1:0]   b,
    output logic                  busy,
    output logic                  done,
    output logic signed [2*W-1:0] product
);
    localparam int CW = $clog2(W + 1);

    logic [2*W-1:0] mcand;     // multiplicand magnitude, shifted left each step
    logic [W-1:0]   mplier;    // multiplier magnitude, shifted right each step
    logic [2*W-1:0] acc;
    logic           negate;
    logic [CW-1:0]  steps;

    always_ff @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            mcand   <= '0;
            mplier  <= '0;
            acc     <= '0;
            negate  <= 1'b0;
            steps   <= '0;
            busy    <= 1'b0;
            done    <= 1'b0;
            product <= '0;
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (start) begin
                    mcand  <= {{W{1'b0}}, a[W-1] ? W'(-a) : W'(a)};
                    mplier <= b[W-1] ? W'(-b) : W'(b);
                    negate <= a[W-1] ^ b[W-1];
                    acc    <= '0;
                    steps  <= '0;
                    busy   <= 1'b1;
                end
            end else if (steps == CW'(W)) begin
                product <= negate ? -acc : acc;
                busy    <= 1'b0;
                done    <= 1'b1;
            end else begin
                if (mplier[0]) acc <= acc + mcand;
                mcand  <= mcand << 1;
                mplier <= mplier >> 1;
                steps  <= steps + 1'b1;
            end
        end
    end
endmodule
