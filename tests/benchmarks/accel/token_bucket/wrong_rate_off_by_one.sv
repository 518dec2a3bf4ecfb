// wrong: refill timer counts RATE+1 cycles between tokens
module token_bucket #(
    parameter int DEPTH = 15,
    parameter int RATE  = 4
) (
    input  logic                       clk,
    input  logic                       rst_n,
    input  logic                       req,
    input  logic [2:0]                 req_tokens,
    output logic                       grant,
    output logic [$clog2(DEPTH+1)-1:0] tokens
);
    localparam int TW = $clog2(DEPTH + 1);
    localparam int PW = $clog2(RATE + 1);

    logic [PW-1:0] phase;
    logic          refill;
    logic          size_ok;
    logic [TW:0]   after;      // tokens - consumed + refill, one spare bit for the overflow
    logic [TW-1:0] tokens_next;

    assign refill  = (phase == PW'(RATE));
    assign size_ok = (req_tokens >= 3'd1) && (req_tokens <= 3'd4);
    assign grant   = req && size_ok && ((TW + 1)'(req_tokens) <= (TW + 1)'(tokens));

    // Consume first (never underflows, the grant guarantees enough tokens), then add the refill
    // token, then clamp to the bucket depth.
    assign after       = (TW + 1)'(tokens) - (grant ? (TW + 1)'(req_tokens) : '0)
                       + (TW + 1)'(refill);
    assign tokens_next = (after > (TW + 1)'(DEPTH)) ? TW'(DEPTH) : after[TW-1:0];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            tokens <= TW'(DEPTH);
            phase  <= '0;
        end else begin
            tokens <= tokens_next;
            phase  <= refill ? '0 : phase + 1'b1;
        end
    end
endmodule
