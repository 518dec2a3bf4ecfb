// isqrt_seq: sequential integer square root of a 2W-bit number, two radicand bits per cycle.
//
// Computes root = floor(sqrt(x)) and rem = x - root*root with the classic
// digit-by-digit method: each of W steps brings down the next two bits of the
// radicand into the partial remainder, tries subtracting (4*root + 1), keeps
// the subtraction and appends a 1 to the root when it does not go negative,
// otherwise appends a 0. Ports: clk rising-edge clock; rst_n asynchronous
// active-low reset; start begin (ignored while busy); x (2W bits) radicand,
// sampled with start; busy high during the W steps; done one-cycle pulse
// when results are valid; root (W bits) integer square root; rem (W+1 bits)
// remainder, at most 2*root. Outputs hold until the next computation ends.
// Parameter W (default 8).
// SPDX-License-Identifier: Apache-2.0
module isqrt_seq #(
    parameter W = 8
) (
    input  wire           clk,
    input  wire           rst_n,
    input  wire           start,
    input  wire [2*W-1:0] x,
    output reg            busy,
    output reg            done,
    output reg  [W-1:0]   root,
    output reg  [W:0]     rem
);
    localparam CW = $clog2(W + 1);

    reg  [2*W-1:0] bits;     // radicand bits not yet brought down, top pair first
    reg  [W-1:0]   part;     // partial remainder (below 2**W until the last step)
    reg  [W-1:0]   q;        // root bits found so far
    reg  [CW-1:0]  left;

    wire [W+1:0] brought = {part, bits[2*W-1:2*W-2]};
    wire [W+1:0] trial   = {q, 2'b01};
    wire         fits    = (brought >= trial);
    wire [W+1:0] next    = fits ? brought - trial : brought;   // never above 2**(W+1)

    always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
            bits <= {2*W{1'b0}};
            part <= {W{1'b0}};
            q    <= {W{1'b0}};
            left <= {CW{1'b0}};
            busy <= 1'b0;
            done <= 1'b0;
            root <= {W{1'b0}};
            rem  <= {(W+1){1'b0}};
        end else begin
            done <= 1'b0;
            if (!busy) begin
                if (start) begin
                    bits <= x;
                    part <= {W{1'b0}};
                    q    <= {W{1'b0}};
                    left <= W[CW-1:0];
                    busy <= 1'b1;
                end
            end else begin
                bits <= {bits[2*W-3:0], 2'b00};
                part <= next[W-1:0];
                q    <= {q[W-2:0], fits};
                left <= left - 1'b1;
                if (left == 1) begin
                    busy <= 1'b0;
                    done <= 1'b1;
                    root <= {q[W-2:0], fits};
                    rem  <= next[W:0];
                end
            end
        end
    end
endmodule
