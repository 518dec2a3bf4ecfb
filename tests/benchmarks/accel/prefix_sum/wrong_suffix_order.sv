// wrong: scans from the top element down, so sum i is x[i] + ... + x[N-1]
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
        assign element = S'(data_in[(N-1-i)*W +: W]);
        if (i == 0) begin : g_first
            assign running[i] = element;
        end else begin : g_rest
            assign running[i] = running[i-1] + element;
        end
        assign sums[(N-1-i)*S +: S] = running[i];
    end
endmodule
