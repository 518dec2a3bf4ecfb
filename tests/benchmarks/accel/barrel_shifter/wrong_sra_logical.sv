// wrong: arithmetic right shift fills with zeros (unsigned operand makes >>> logical)
module barrel_shifter #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         data_in,
    input  logic [$clog2(WIDTH)-1:0] shamt,
    input  logic [1:0]               mode,
    output logic [WIDTH-1:0]         data_out
);
    logic [2*WIDTH-1:0] doubled;
    assign doubled = {data_in, data_in} << shamt;

    logic [WIDTH-1:0] rotated;
    assign rotated = doubled[2*WIDTH-1:WIDTH];

    always_comb begin
        case (mode)
            2'd0:    data_out = data_in << shamt;
            2'd1:    data_out = data_in >> shamt;
            2'd2:    data_out = data_in >>> shamt;
            default: data_out = rotated;
        endcase
    end
endmodule
