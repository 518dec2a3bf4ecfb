// Four-tap FIR filter with fixed coefficients, in transposed form (one output per valid sample):
// y[n] = 23 x[n] + 45 x[n-1] + 89 x[n-2] + 113 x[n-3].
module mcm_transposed_fir (
    input  logic               clk,
    input  logic               rst_n,   // synchronous, active low
    input  logic               valid,   // x carries a new sample this cycle
    input  logic signed [7:0]  x,
    output logic signed [16:0] y        // registered filter output
);
    localparam logic signed [7:0] C0 = 8'sd23;
    localparam logic signed [7:0] C1 = 8'sd45;
    localparam logic signed [7:0] C2 = 8'sd89;
    localparam logic signed [7:0] C3 = 8'sd113;

    logic signed [16:0] partial1, partial2, partial3;  // partial sums of the taps still to come

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            partial1 <= '0;
            partial2 <= '0;
            partial3 <= '0;
            y        <= '0;
        end else if (valid) begin
            y        <= partial1 + x * C0;
            partial1 <= partial2 + x * C1;
            partial2 <= partial3 + x * C2;
            partial3 <= x * C3;
        end
    end
endmodule
