// Serial pattern detector: `found` is 1 while the last three accepted bits were 1, 1, 0
// (overlapping matches count). States with the same output and the same successors are
// equivalent and merged: START and SAW_0 become NONE, SAW_11 and SAW_111 become ONES.
module merge_detector_states (
    input  logic clk,
    input  logic rst_n,
    input  logic valid,
    input  logic bit_in,
    output logic found
);
    typedef enum logic [1:0] {NONE, ONE, ONES, FOUND} state_t;

    state_t state;

    always_ff @(posedge clk) begin
        if (!rst_n) state <= NONE;
        else if (valid) begin
            case (state)
                NONE, FOUND: state <= bit_in ? ONE : NONE;
                ONE:         state <= bit_in ? ONES : NONE;
                default:     state <= bit_in ? ONES : FOUND;
            endcase
        end
    end

    assign found = state == FOUND;
endmodule
