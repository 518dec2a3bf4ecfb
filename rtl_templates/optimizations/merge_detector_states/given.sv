// Serial pattern detector: `found` is 1 while the last three accepted bits were 1, 1, 0
// (overlapping matches count).
module merge_detector_states (
    input  logic clk,
    input  logic rst_n,
    input  logic valid,
    input  logic bit_in,
    output logic found
);
    typedef enum logic [2:0] {START, SAW_0, SAW_1, SAW_11, SAW_111, SAW_110} state_t;

    state_t state;

    always_ff @(posedge clk) begin
        if (!rst_n) state <= START;
        else if (valid) begin
            case (state)
                START:   state <= bit_in ? SAW_1 : SAW_0;
                SAW_0:   state <= bit_in ? SAW_1 : SAW_0;
                SAW_1:   state <= bit_in ? SAW_11 : SAW_0;
                SAW_11:  state <= bit_in ? SAW_111 : SAW_110;
                SAW_111: state <= bit_in ? SAW_111 : SAW_110;
                SAW_110: state <= bit_in ? SAW_1 : SAW_0;
                default: state <= START;
            endcase
        end
    end

    assign found = state == SAW_110;
endmodule
