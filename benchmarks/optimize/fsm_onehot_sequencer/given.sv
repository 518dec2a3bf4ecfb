// Tile sequencer of a weight-stationary PE array: after start it loads four weight rows, computes
// for seven cycles and flushes for one, advancing one step per cycle unless stalled.
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
    logic        idle;
    logic [11:0] step;  // one-hot: bit k is step k of the schedule

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            idle <= 1'b1;
            step <= '0;
        end else if (idle) begin
            if (start) begin
                idle <= 1'b0;
                step <= 12'b1;
            end
        end else if (!stall) begin
            step <= step << 1;
            if (step[11]) idle <= 1'b1;
        end
    end

    assign busy = !idle;
    assign load_w = |step[3:0];
    assign w_row = {step[2] | step[3], step[1] | step[3]};
    assign compute = |step[10:4];
    assign flush = step[11];
endmodule
