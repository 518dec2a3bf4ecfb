// wrong: highest set bit wins instead of the lowest
module priority_encoder #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         req,
    output logic [$clog2(WIDTH)-1:0] index,
    output logic                     valid
);
    always_comb begin
        index = '0;
        for (int i = 0; i < WIDTH; i++) begin
            if (req[i]) index = ($clog2(WIDTH))'(i);
        end
    end
    assign valid = |req;
endmodule
