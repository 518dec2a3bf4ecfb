// wrong: excess return sets the error but still increments past MAX_CREDITS
module credit_counter #(
    parameter int MAX_CREDITS = 8
) (
    input  logic                              clk,
    input  logic                              rst_n,
    input  logic                              send,
    input  logic                              credit_return,
    output logic [$clog2(MAX_CREDITS+1)-1:0] credits,
    output logic                              can_send,
    output logic                              error
);
    localparam int CW = $clog2(MAX_CREDITS + 1);
    localparam logic [CW-1:0] FULL = CW'(MAX_CREDITS);

    logic accepted;
    assign can_send = (credits != '0);
    assign accepted = send && can_send;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            credits <= FULL;
            error   <= 1'b0;
        end else if (accepted && !credit_return) begin
            credits <= credits - 1'b1;
        end else if (credit_return && !accepted) begin
            if (credits == FULL) error <= 1'b1;      // excess return: saturate and flag
            credits <= credits + 1'b1;
        end
    end
endmodule
