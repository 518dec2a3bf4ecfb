module priority_encoder #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         req,
    output logic [$clog2(WIDTH)-1:0] index,
    output logic                     valid
);
    localparam int IW = $clog2(WIDTH);

    // Scan from the highest bit down so that the lowest set bit is the last (winning) assignment.
    always_comb begin
        index = '0;
        for (int i = WIDTH - 1; i >= 0; i--) begin
            if (req[i]) index = IW'(i);
        end
    end

    assign valid = |req;
endmodule
