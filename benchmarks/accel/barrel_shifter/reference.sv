module barrel_shifter #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         data_in,
    input  logic [$clog2(WIDTH)-1:0] shamt,
    input  logic [1:0]               mode,
    output logic [WIDTH-1:0]         data_out
);
    localparam logic [1:0] MODE_SLL = 2'd0;
    localparam logic [1:0] MODE_SRL = 2'd1;
    localparam logic [1:0] MODE_SRA = 2'd2;

    logic [WIDTH-1:0] shifted_left, shifted_right, shifted_arith, rotated;
    assign shifted_left  = data_in << shamt;
    assign shifted_right = data_in >> shamt;
    assign shifted_arith = $signed(data_in) >>> shamt;
    // Rotate left: the bits shifted out at the top come back in at the bottom (a shift by
    // WIDTH yields 0, so shamt = 0 needs no special case).
    assign rotated       = shifted_left | (data_in >> (WIDTH - int'(shamt)));

    always_comb begin
        case (mode)
            MODE_SLL: data_out = shifted_left;
            MODE_SRL: data_out = shifted_right;
            MODE_SRA: data_out = shifted_arith;
            default:  data_out = rotated;  // mode 3: rotate left
        endcase
    end
endmodule
