module seq_divider #(
    parameter int WIDTH = 16
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             start,
    input  logic [WIDTH-1:0] dividend,
    input  logic [WIDTH-1:0] divisor,
    output logic             busy,
    output logic             done,
    output logic [WIDTH-1:0] quotient,
    output logic [WIDTH-1:0] remainder,
    output logic             div_by_zero
);
    localparam int CW = $clog2(WIDTH);

    // Restoring division: each step shifts the next dividend bit into the partial remainder,
    // tries to subtract the divisor, and keeps the difference only when it is not negative.
    // A zero divisor naturally yields an all-ones quotient and remainder = dividend.
    logic [WIDTH-1:0] divisor_reg;
    logic [WIDTH-1:0] partial;    // partial remainder, always < divisor (or the shifted bits when divisor is 0)
    logic [WIDTH-1:0] bits;       // dividend bits still to bring down, quotient bits shifted in
    logic             zero_div;
    logic [CW-1:0]    step;

    logic [WIDTH:0]   shifted;    // one bit wider so the borrow of the trial subtraction shows
    logic [WIDTH:0]   trial;
    logic             fits;
    logic [WIDTH-1:0] next_partial;
    logic [WIDTH-1:0] next_bits;
    logic             last_step;

    assign shifted      = {partial, bits[WIDTH-1]};
    assign trial        = shifted - {1'b0, divisor_reg};
    assign fits         = !trial[WIDTH];
    assign next_partial = fits ? trial[WIDTH-1:0] : shifted[WIDTH-1:0];
    assign next_bits    = {bits[WIDTH-2:0], fits};
    assign last_step    = (step == CW'(WIDTH - 1));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy        <= 1'b0;
            done        <= 1'b0;
            quotient    <= '0;
            remainder   <= '0;
            div_by_zero <= 1'b0;
            divisor_reg <= '0;
            partial     <= '0;
            bits        <= '0;
            zero_div    <= 1'b0;
            step        <= '0;
        end else if (busy) begin
            partial <= next_partial;
            bits    <= next_bits;
            step    <= step + 1'b1;
            if (last_step) begin
                busy        <= 1'b0;
                done        <= 1'b1;
                quotient    <= next_bits;
                remainder   <= next_partial;
                div_by_zero <= zero_div;
            end
        end else begin
            done <= 1'b0;
            if (start) begin
                busy        <= 1'b1;
                divisor_reg <= divisor;
                partial     <= '0;
                bits        <= dividend;
                zero_div    <= (divisor == '0);
                step        <= '0;
            end
        end
    end
endmodule
