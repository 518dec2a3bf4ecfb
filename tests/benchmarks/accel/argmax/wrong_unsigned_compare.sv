// wrong: elements compared as unsigned numbers, so negative values beat positive ones
module argmax #(
    parameter int N     = 8,
    parameter int WIDTH = 8
) (
    input  logic        [N*WIDTH-1:0]   values,
    output logic        [$clog2(N)-1:0] index,
    output logic signed [WIDTH-1:0]     max_value
);
    localparam int IW = $clog2(N);

    // Linear scan: only a strictly greater element replaces the best so far, so the first
    // maximum wins ties. (always @* because Icarus does not support constant selects inside
    // always_comb.)
    logic signed [WIDTH-1:0] element;

    always @* begin
        max_value = values[WIDTH-1:0];
        index     = '0;
        element   = '0;
        for (int i = 1; i < N; i++) begin
            element = values[WIDTH*i +: WIDTH];
            if ($unsigned(element) > $unsigned(max_value)) begin
                max_value = element;
                index     = IW'(i);
            end
        end
    end
endmodule
