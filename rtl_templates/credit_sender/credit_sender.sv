// credit_sender: sender side of credit-based flow control.
//
// The sender starts with CREDITS credits (the receiver's buffer size). A send (send && can_send)
// consumes one credit; credit_return gives one back. can_send = credits > 0 comes from the
// registered counter only (no same-cycle bypass of credit_return). Protocol errors are flagged
// and sticky until reset: overflow = a credit returned while already holding CREDITS credits
// (the counter saturates), underflow = send requested with no credit (the send is dropped).
module credit_sender #(
    parameter int CREDITS = 8
) (
    input  logic                         clk,
    input  logic                         rst_n,          // synchronous, active low
    input  logic                         send,           // request to send one item
    input  logic                         credit_return,  // receiver freed one buffer entry
    output logic                         can_send,
    output logic [$clog2(CREDITS+1)-1:0] credits,
    output logic                         overflow,       // sticky
    output logic                         underflow       // sticky
);
    localparam int CW = $clog2(CREDITS + 1);

    logic fire, at_max;

    assign can_send = (credits != '0);
    assign fire     = send && can_send;
    assign at_max   = (credits == CW'(CREDITS));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            credits   <= CW'(CREDITS);
            overflow  <= 1'b0;
            underflow <= 1'b0;
        end else begin
            case ({fire, credit_return})
                2'b10:   credits <= credits - 1'b1;
                2'b01:   if (!at_max) credits <= credits + 1'b1;
                default: credits <= credits;               // none, or one out and one back
            endcase
            if (credit_return && !fire && at_max) overflow  <= 1'b1;
            if (send && !can_send)                underflow <= 1'b1;
        end
    end
endmodule
