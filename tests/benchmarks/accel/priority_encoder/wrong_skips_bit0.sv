// wrong: scan loop starts at bit 1, so request 0 is never seen as the winner
module priority_encoder #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         req,
    output logic [$clog2(WIDTH)-1:0] index,
    output logic                     valid
);
    always_comb begin
        index = '0;
        for (int i = WIDTH - 1; i >= 1; i--) begin
            if (req[i]) index = ($clog2(WIDTH))'(i);
        end
    end
    assign valid = |req;
endmodule
