// vector_alu: LANES x WIDTH lane-wise ALU with a registered output stage and valid.
//
// Every lane i applies the same operation to a_i = a[i*WIDTH +: WIDTH] and
// b_i = b[i*WIDTH +: WIDTH]:
//   op 0 ADD   a + b (wraps)          op 4 AND   a & b
//   op 1 SUB   a - b (wraps)          op 5 OR    a | b
//   op 2 MIN   smaller of a, b        op 6 XOR   a ^ b
//   op 3 MAX   larger of a, b         op 7 SADD  a + b saturated to the WIDTH-bit range
// SIGNED = 1 compares (MIN/MAX) and saturates (SADD) as two's complement, SIGNED = 0 as unsigned.
// sat[i] is 1 when lane i saturated during SADD (0 for every other op).
// One register stage: inputs sampled with in_valid on a rising edge appear on y/sat with
// out_valid right after that edge. y and sat load only when in_valid is 1 (they hold otherwise).
// Synchronous active-low reset clears out_valid, y and sat.
module vector_alu #(
    parameter int LANES  = 4,
    parameter int WIDTH  = 8,
    parameter int SIGNED = 1
) (
    input  logic                     clk,
    input  logic                     rst_n,
    input  logic                     in_valid,
    input  logic [2:0]               op,
    input  logic [LANES*WIDTH-1:0]   a,
    input  logic [LANES*WIDTH-1:0]   b,
    output logic                     out_valid,
    output logic [LANES*WIDTH-1:0]   y,
    output logic [LANES-1:0]         sat
);
    localparam logic [2:0] OP_ADD  = 3'd0;
    localparam logic [2:0] OP_SUB  = 3'd1;
    localparam logic [2:0] OP_MIN  = 3'd2;
    localparam logic [2:0] OP_MAX  = 3'd3;
    localparam logic [2:0] OP_AND  = 3'd4;
    localparam logic [2:0] OP_OR   = 3'd5;
    localparam logic [2:0] OP_XOR  = 3'd6;
    localparam logic [2:0] OP_SADD = 3'd7;

    always_ff @(posedge clk) begin
        if (!rst_n) out_valid <= 1'b0;
        else        out_valid <= in_valid;
    end

    for (genvar lane = 0; lane < LANES; lane++) begin : g_lane
        logic [WIDTH-1:0] a_l;
        logic [WIDTH-1:0] b_l;
        logic [WIDTH:0]   sum_ext;     // a + b with one extra bit (sign- or zero-extended)
        logic [WIDTH-1:0] sum_low;
        logic             overflow;    // a + b does not fit in WIDTH bits
        logic [WIDTH-1:0] limit;       // the bound SADD saturates to
        logic             a_less;      // a < b
        logic [WIDTH-1:0] result;
        logic [WIDTH-1:0] y_q;
        logic             sat_q;

        assign a_l = a[lane*WIDTH +: WIDTH];
        assign b_l = b[lane*WIDTH +: WIDTH];

        if (SIGNED != 0) begin : g_signed
            assign sum_ext  = {a_l[WIDTH-1], a_l} + {b_l[WIDTH-1], b_l};
            assign overflow = sum_ext[WIDTH] ^ sum_ext[WIDTH-1];
            // Overflow direction follows the true sign, sum_ext[WIDTH].
            assign limit    = sum_ext[WIDTH] ? {1'b1, {(WIDTH-1){1'b0}}} : {1'b0, {(WIDTH-1){1'b1}}};
            assign a_less   = $signed(a_l) < $signed(b_l);
        end else begin : g_unsigned
            assign sum_ext  = {1'b0, a_l} + {1'b0, b_l};
            assign overflow = sum_ext[WIDTH];
            assign limit    = '1;
            assign a_less   = a_l < b_l;
        end
        assign sum_low = sum_ext[WIDTH-1:0];

        always_comb begin
            case (op)
                OP_ADD:  result = sum_low;
                OP_SUB:  result = a_l - b_l;
                OP_MIN:  result = a_less ? a_l : b_l;
                OP_MAX:  result = a_less ? b_l : a_l;
                OP_AND:  result = a_l & b_l;
                OP_OR:   result = a_l | b_l;
                OP_XOR:  result = a_l ^ b_l;
                default: result = overflow ? limit : sum_low;   // OP_SADD
            endcase
        end

        always_ff @(posedge clk) begin
            if (!rst_n) begin
                y_q   <= '0;
                sat_q <= 1'b0;
            end else if (in_valid) begin
                y_q   <= result;
                sat_q <= (op == OP_SADD) && overflow;
            end
        end

        assign y[lane*WIDTH +: WIDTH] = y_q;
        assign sat[lane]              = sat_q;
    end
endmodule
