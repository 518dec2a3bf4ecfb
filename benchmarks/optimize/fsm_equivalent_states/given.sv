// Burst-read controller of a weight-fetch DMA: sends one address request, then accepts data beats
// until the last one or an error, then reports completion for one cycle.
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
    typedef enum logic [3:0] {
        IDLE, ADDR, FIRST_BEAT, NEXT_BEAT, SINGLE_DONE, BURST_DONE, FIRST_ERR, NEXT_ERR
    } state_t;

    state_t state;

    always_ff @(posedge clk) begin
        if (!rst_n) state <= IDLE;
        else begin
            case (state)
                IDLE:        if (start) state <= ADDR;
                ADDR:        if (addr_ready) state <= FIRST_BEAT;
                FIRST_BEAT:  if (data_valid) state <= data_err ? FIRST_ERR : (data_last ? SINGLE_DONE : NEXT_BEAT);
                NEXT_BEAT:   if (data_valid) state <= data_err ? NEXT_ERR : (data_last ? BURST_DONE : NEXT_BEAT);
                SINGLE_DONE: state <= start ? ADDR : IDLE;
                BURST_DONE:  state <= start ? ADDR : IDLE;
                FIRST_ERR:   state <= start ? ADDR : IDLE;
                NEXT_ERR:    state <= start ? ADDR : IDLE;
                default:     state <= IDLE;
            endcase
        end
    end

    assign addr_valid = state == ADDR;
    assign data_ready = state == FIRST_BEAT || state == NEXT_BEAT;
    assign done = state == SINGLE_DONE || state == BURST_DONE || state == FIRST_ERR || state == NEXT_ERR;
    assign error = state == FIRST_ERR || state == NEXT_ERR;
endmodule
