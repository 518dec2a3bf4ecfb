// wrong: reset clears only the accumulators; values in flight survive reset
module systolic_array_2x2 #(
    parameter int DATA_W = 8,
    parameter int ACC_W  = 20
) (
    input  logic                      clk,
    input  logic                      rst_n,
    input  logic                      clear,
    input  logic [2*DATA_W-1:0]       a_in,
    input  logic [2*DATA_W-1:0]       b_in,
    output logic [2*2*ACC_W-1:0]      c_out
);
    localparam int N = 2;

    // Per PE (index i*N+j): the operands it sees this cycle and the values it forwards.
    logic signed [DATA_W-1:0] a_west  [N*N];
    logic signed [DATA_W-1:0] b_north [N*N];
    logic signed [DATA_W-1:0] a_fwd   [N*N];
    logic signed [DATA_W-1:0] b_fwd   [N*N];

    for (genvar i = 0; i < N; i++) begin : g_row
        for (genvar j = 0; j < N; j++) begin : g_col
            localparam int IDX = i * N + j;

            if (j == 0) begin : g_west_edge
                assign a_west[IDX] = a_in[i*DATA_W +: DATA_W];
            end else begin : g_west_pe
                assign a_west[IDX] = a_fwd[IDX-1];
            end
            if (i == 0) begin : g_north_edge
                assign b_north[IDX] = b_in[j*DATA_W +: DATA_W];
            end else begin : g_north_pe
                assign b_north[IDX] = b_fwd[IDX-N];
            end

            logic signed [DATA_W-1:0]   a_q, b_q;
            logic signed [ACC_W-1:0]    acc_q;
            logic signed [2*DATA_W-1:0] product;
            assign product = a_west[IDX] * b_north[IDX];

            always_ff @(posedge clk) begin
                a_q <= a_west[IDX];
                b_q <= b_north[IDX];
                if (!rst_n) begin
                    acc_q <= '0;
                end else begin
                    if (clear) begin
                        acc_q <= '0;
                    end else begin
                        acc_q <= acc_q + product;
                    end
                end
            end

            assign a_fwd[IDX] = a_q;
            assign b_fwd[IDX] = b_q;
            assign c_out[IDX*ACC_W +: ACC_W] = acc_q;
        end
    end
endmodule
