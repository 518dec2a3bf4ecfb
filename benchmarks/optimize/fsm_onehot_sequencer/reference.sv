// Tile sequencer of a weight-stationary PE array: a busy flag and a 4-bit step counter replace the
// thirteen one-hot state bits; the outputs are decoded from the count.
module fsm_onehot_sequencer (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       start,
    input  logic       stall,
    output logic       busy,
    output logic       load_w,
    output logic [1:0] w_row,
    output logic       compute,
    output logic       flush
);
    localparam logic [3:0] LAST_STEP = 4'd11;

    logic [3:0] step;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy <= 1'b0;
            step <= '0;
        end else if (!busy) begin
            busy <= start;
            step <= '0;
        end else if (!stall) begin
            busy <= step != LAST_STEP;
            step <= step + 4'd1;
        end
    end

    assign load_w = busy && step < 4'd4;
    assign w_row = load_w ? step[1:0] : 2'd0;
    assign compute = busy && step >= 4'd4 && step < LAST_STEP;
    assign flush = busy && step == LAST_STEP;
endmodule
