// wrong: rotate left is a plain left shift, bits leaving the top are lost
module barrel_shifter #(
    parameter int WIDTH = 16
) (
    input  logic [WIDTH-1:0]         data_in,
    input  logic [$clog2(WIDTH)-1:0] shamt,
    input  logic [1:0]               mode,
    output logic [WIDTH-1:0]         data_out
);
    always_comb begin
        case (mode)
            2'd0:    data_out = data_in << shamt;
            2'd1:    data_out = data_in >> shamt;
            2'd2:    data_out = $signed(data_in) >>> shamt;
            default: data_out = data_in << shamt;
        endcase
    end
endmodule
