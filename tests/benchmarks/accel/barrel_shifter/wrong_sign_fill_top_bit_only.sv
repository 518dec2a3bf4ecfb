// wrong: arithmetic shift copies the sign only into the top bit instead of all vacated bits
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

    logic [WIDTH-1:0] srl;
    assign srl = data_in >> shamt;

    logic [WIDTH-1:0] sra_bad;
    assign sra_bad = {data_in[WIDTH-1], srl[WIDTH-2:0]};

    logic [WIDTH-1:0] rotated;
    assign rotated = doubled[2*WIDTH-1:WIDTH];

    always_comb begin
        case (mode)
            2'd0:    data_out = data_in << shamt;
            2'd1:    data_out = srl;
            2'd2:    data_out = sra_bad;
            default: data_out = rotated;
        endcase
    end
endmodule
