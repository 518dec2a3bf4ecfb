// wrong: off-by-one loop bound, the most significant input bit is never counted
module popcount #(parameter int WIDTH = 16) (
    input  logic [WIDTH-1:0] data,
    output logic [$clog2(WIDTH+1)-1:0] count
);
    localparam int CW = $clog2(WIDTH + 1);
    logic [CW-1:0] total;
    always_comb begin
        total = '0;
        for (int i = 0; i < WIDTH - 1; i++) total = total + CW'(data[i]);
    end
    assign count = total;
endmodule
