module seq_detector (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       din,
    output logic       match,
    output logic [3:0] count
);
    // State = longest suffix of the history that is a prefix of 1101.
    localparam logic [2:0] S_NONE  = 3'd0;  // ""
    localparam logic [2:0] S_1     = 3'd1;  // "1"
    localparam logic [2:0] S_11    = 3'd2;  // "11"
    localparam logic [2:0] S_110   = 3'd3;  // "110"
    localparam logic [2:0] S_FOUND = 3'd4;  // "1101" (its last "1" is a new "1" prefix)

    logic [2:0] state, next_state;

    always_comb begin
        case (state)
            S_NONE:  next_state = din ? S_1     : S_NONE;
            S_1:     next_state = din ? S_11    : S_NONE;
            S_11:    next_state = din ? S_11    : S_110;
            S_110:   next_state = din ? S_FOUND : S_NONE;
            S_FOUND: next_state = din ? S_11    : S_NONE;
            default: next_state = S_NONE;
        endcase
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            state <= S_NONE;
            count <= 4'd0;
        end else begin
            state <= next_state;
            if (next_state == S_FOUND && count != 4'd15) count <= count + 4'd1;
        end
    end

    assign match = (state == S_FOUND);
endmodule
