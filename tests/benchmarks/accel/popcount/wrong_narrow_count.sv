// wrong: accumulator sized $clog2(WIDTH) bits, so an all-ones input wraps to 0
module popcount #(parameter int WIDTH = 16) (
    input  logic [WIDTH-1:0] data,
    output logic [$clog2(WIDTH+1)-1:0] count
);
    localparam int NW = $clog2(WIDTH);
    logic [NW-1:0] total;
    always_comb begin
        total = '0;
        for (int i = 0; i < WIDTH; i++) total = total + NW'(data[i]);
    end
    assign count = {1'b0, total};
endmodule
