// Spread (largest minus smallest) of eight unsigned 8-bit samples, from a running minimum and
// maximum over the samples in order.
module balance_min_max_tree (
    input  logic [63:0] samples,
    output logic [7:0]  spread
);
    logic [7:0] low, high;

    always_comb begin
        low = samples[7:0];
        high = samples[7:0];
        for (int i = 1; i < 8; i++) begin
            if (samples[8*i +: 8] < low) low = samples[8*i +: 8];
            if (samples[8*i +: 8] > high) high = samples[8*i +: 8];
        end
        spread = high - low;
    end
endmodule
