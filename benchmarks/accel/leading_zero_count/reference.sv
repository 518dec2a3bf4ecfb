module leading_zero_count #(
    parameter int WIDTH = 32
) (
    input  logic [WIDTH-1:0]           data,
    output logic [$clog2(WIDTH+1)-1:0] count,
    output logic                       all_zero
);
    localparam int CW = $clog2(WIDTH + 1);

    // Scan from the least significant bit upward: the last 1 seen is the most significant one,
    // so its position decides the count. With no 1 at all the default (WIDTH) remains.
    logic [CW-1:0] zeros;
    always_comb begin
        zeros = CW'(WIDTH);
        for (int i = 0; i < WIDTH; i++) begin
            if (data[i]) zeros = CW'(WIDTH - 1 - i);
        end
    end

    assign count    = zeros;
    assign all_zero = (data == '0);
endmodule
