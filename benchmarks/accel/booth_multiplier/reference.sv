module booth_multiplier #(
    parameter int WIDTH = 8
) (
    input  logic                      clk,
    input  logic                      rst_n,
    input  logic                      start,
    input  logic signed [WIDTH-1:0]   multiplicand,
    input  logic signed [WIDTH-1:0]   multiplier,
    output logic                      busy,
    output logic                      done,
    output logic signed [2*WIDTH-1:0] product
);
    localparam int CW = $clog2(WIDTH);

    // Working registers: the upper half carries one extra sign bit so that adding or subtracting
    // the most negative multiplicand cannot overflow.
    logic signed [WIDTH:0] m_reg;      // multiplicand, sign extended
    logic signed [WIDTH:0] upper;      // accumulated upper half (A)
    logic [WIDTH-1:0]      lower;      // multiplier bits still to examine, product bits shifted in (Q)
    logic                  q_prev;     // bit shifted out last (Q-1)
    logic [CW-1:0]         step;

    // One Booth step, combinational: recode {Q0, Q-1}, add/subtract/skip, then shift right.
    logic [1:0]            recode;
    logic signed [WIDTH:0] partial;
    logic signed [WIDTH:0] next_upper;
    logic [WIDTH-1:0]      next_lower;
    logic                  next_q_prev;
    logic                  last_step;

    assign recode      = {lower[0], q_prev};
    assign partial     = (recode == 2'b01) ? upper + m_reg
                       : (recode == 2'b10) ? upper - m_reg
                       : upper;
    assign next_upper  = {partial[WIDTH], partial[WIDTH:1]};
    assign next_lower  = {partial[0], lower[WIDTH-1:1]};
    assign next_q_prev = lower[0];
    assign last_step   = (step == CW'(WIDTH - 1));

    logic signed [WIDTH:0] multiplicand_ext;
    assign multiplicand_ext = (WIDTH+1)'(multiplicand);

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy    <= 1'b0;
            done    <= 1'b0;
            product <= '0;
            m_reg   <= '0;
            upper   <= '0;
            lower   <= '0;
            q_prev  <= 1'b0;
            step    <= '0;
        end else if (busy) begin
            upper  <= next_upper;
            lower  <= next_lower;
            q_prev <= next_q_prev;
            step   <= step + 1'b1;
            if (last_step) begin
                busy    <= 1'b0;
                done    <= 1'b1;
                product <= {next_upper[WIDTH-1:0], next_lower};
            end
        end else begin
            done <= 1'b0;
            if (start) begin
                busy   <= 1'b1;
                m_reg  <= multiplicand_ext;
                upper  <= '0;
                lower  <= multiplier;
                q_prev <= 1'b0;
                step   <= '0;
            end
        end
    end
endmodule
