// wrong: valid ignores the top request bit
module priority_encoder #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         req,
    output logic [$clog2(WIDTH)-1:0] index,
    output logic                     valid
);
    always_comb begin
        index = '0;
        for (int i = WIDTH - 1; i >= 0; i--) begin
            if (req[i]) index = ($clog2(WIDTH))'(i);
        end
    end
    assign valid = |req[WIDTH-2:0];
endmodule
