// wrong: running sums are kept in W+1 bits, so large prefixes wrap
module prefix_sum #(
    parameter int N = 8,
    parameter int W = 8
) (
    input  logic [N*W-1:0]                  data_in,
    output logic [N*(W+$clog2(N))-1:0]      sums
);
    localparam int S = W + $clog2(N);

    // Ripple scan: each running sum is the previous one plus the next element.
    logic [S-1:0] running [N];
    for (genvar i = 0; i < N; i++) begin : g_scan
        logic [S-1:0] element;
        assign element = S'(data_in[i*W +: W]);
        if (i == 0) begin : g_first
            assign running[i] = element;
        end else begin : g_rest
            logic [W:0] narrow;
            assign narrow = running[i-1] + element;
            assign running[i] = S'(narrow);
        end
        assign sums[i*S +: S] = running[i];
    end
endmodule
