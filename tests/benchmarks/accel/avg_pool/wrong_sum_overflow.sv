// wrong: the sum is kept in 9 bits, so sums above 511 wrap around
module avg_pool (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        in_valid,
    input  logic [31:0] in_data,
    output logic        out_valid,
    output logic [7:0]  out_avg
);
    // Exact 10-bit sum, plus 2 so the divide-by-4 shift rounds half up.
    logic [8:0] sum9;
    logic [9:0] sum;
    logic [9:0] rounded;
    assign sum9 = {1'b0, in_data[7:0]} + {1'b0, in_data[15:8]}
                + {1'b0, in_data[23:16]} + {1'b0, in_data[31:24]};
    assign sum = {1'b0, sum9};
    assign rounded = sum + 10'd2;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            out_valid <= 1'b0;
            out_avg   <= 8'd0;
        end else begin
            out_valid <= in_valid;
            if (in_valid) begin
                out_avg <= rounded[9:2];
            end
        end
    end
endmodule
