// wrong: an all-zero input reports WIDTH-1 leading zeros instead of WIDTH
module leading_zero_count #(parameter int WIDTH = 32) (
    input  logic [WIDTH-1:0] data,
    output logic [$clog2(WIDTH+1)-1:0] count,
    output logic all_zero
);
    localparam int CW = $clog2(WIDTH + 1);
    logic [CW-1:0] zeros;
    always_comb begin
        zeros = CW'(WIDTH - 1);
        for (int i = 0; i < WIDTH; i++) if (data[i]) zeros = CW'(WIDTH - 1 - i);
    end
    assign count = zeros;
    assign all_zero = (data == '0);
endmodule
