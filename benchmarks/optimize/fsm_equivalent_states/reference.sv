// Burst-read controller of a weight-fetch DMA. The first and later beats, and the completions after
// one beat or several, behave alike (same outputs, same successors), so each pair is one state:
// five states instead of eight.
module fsm_equivalent_states (
    input  logic clk,
    input  logic rst_n,
    input  logic start,
    input  logic addr_ready,
    input  logic data_valid,
    input  logic data_last,
    input  logic data_err,
    output logic addr_valid,
    output logic data_ready,
    output logic done,
    output logic error
);
    typedef enum logic [2:0] {IDLE, ADDR, BEAT, OK_DONE, ERR_DONE} state_t;

    state_t state;

    always_ff @(posedge clk) begin
        if (!rst_n) state <= IDLE;
        else begin
            case (state)
                IDLE:    if (start) state <= ADDR;
                ADDR:    if (addr_ready) state <= BEAT;
                BEAT:    if (data_valid) state <= data_err ? ERR_DONE : (data_last ? OK_DONE : BEAT);
                default: state <= start ? ADDR : IDLE;
            endcase
        end
    end

    assign addr_valid = state == ADDR;
    assign data_ready = state == BEAT;
    assign done = state == OK_DONE || state == ERR_DONE;
    assign error = state == ERR_DONE;
endmodule
