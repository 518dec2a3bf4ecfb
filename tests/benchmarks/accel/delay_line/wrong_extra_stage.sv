// wrong: an extra output register makes the delay DEPTH+1 cycles
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
    logic             valid_q [DEPTH+1];
    logic [WIDTH-1:0] data_q  [DEPTH+1];

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            for (int k = 0; k <= DEPTH; k++) begin
                valid_q[k] <= 1'b0;
                data_q[k]  <= '0;
            end
        end else begin
            valid_q[0] <= in_valid;
            data_q[0]  <= in_data;
            for (int k = 1; k <= DEPTH; k++) begin
                valid_q[k] <= valid_q[k-1];
                data_q[k]  <= data_q[k-1];
            end
        end
    end

    assign out_valid = valid_q[DEPTH];
    assign out_data  = data_q[DEPTH];
endmodule
