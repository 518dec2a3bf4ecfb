// wrong: reset clears only the valid bits, the data stages keep their old values
module delay_line #(
    parameter int DEPTH = 4,
    parameter int WIDTH = 8
) (
    input  logic             clk,
    input  logic             rst_n,
    input  logic             in_valid,
    input  logic [WIDTH-1:0] in_data,
    output logic             out_valid,
    output logic [WIDTH-1:0] out_data
);
    logic             valid_q [DEPTH];
    logic [WIDTH-1:0] data_q  [DEPTH];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            for (int k = 0; k < DEPTH; k++) valid_q[k] <= 1'b0;
        end else begin
            valid_q[0] <= in_valid;
            for (int k = 1; k < DEPTH; k++) valid_q[k] <= valid_q[k-1];
        end
    end

    always_ff @(posedge clk) begin
        data_q[0] <= in_data;
        for (int k = 1; k < DEPTH; k++) data_q[k] <= data_q[k-1];
    end

    assign out_valid = valid_q[DEPTH-1];
    assign out_data  = data_q[DEPTH-1];
endmodule
