// wrong: counts the zero bits instead of the one bits
module popcount #(parameter int WIDTH = 16) (
    input  logic [WIDTH-1:0] data,
    output logic [$clog2(WIDTH+1)-1:0] count
);
    localparam int CW = $clog2(WIDTH + 1);
    logic [CW-1:0] total;
    always_comb begin
        total = '0;
        for (int i = 0; i < WIDTH; i++) total = total + CW'(!data[i]);
    end
    assign count = total;
endmodule
