// wrong: the transposed chain takes the coefficients in reverse order (113 on the newest sample)
// Four-tap FIR filter with fixed coefficients, in transposed form (one output per valid sample):
// y[n] = 23 x[n] + 45 x[n-1] + 89 x[n-2] + 113 x[n-3].
// The four constant products of the same sample share their terms: with 3x and 5x,
// 23x = 8*3x - x, 45x = 8*5x + 5x, 89x = 2*45x - x, 113x = 89x + 8*3x (six adders in all).
module mcm_transposed_fir (
    input  logic               clk,
    input  logic               rst_n,
    input  logic               valid,
    input  logic signed [7:0]  x,
    output logic signed [16:0] y
);
    logic signed [16:0] partial1, partial2, partial3;
    logic signed [16:0] sample, times3, times5, times23, times45, times89, times113;

    assign sample   = {{9{x[7]}}, x};
    assign times3   = (sample <<< 1) + sample;
    assign times5   = (sample <<< 2) + sample;
    assign times23  = (times3 <<< 3) - sample;
    assign times45  = (times5 <<< 3) + times5;
    assign times89  = (times45 <<< 1) - sample;
    assign times113 = times89 + (times3 <<< 3);

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            partial1 <= '0;
            partial2 <= '0;
            partial3 <= '0;
            y        <= '0;
        end else if (valid) begin
            y        <= partial1 + times113;
            partial1 <= partial2 + times89;
            partial2 <= partial3 + times45;
            partial3 <= times23;
        end
    end
endmodule
