// wrong: start is accepted while busy, restarting the operation with the new operands
module shift_add_multiplier #(
    parameter int WIDTH = 16
) (
    input  logic                 clk,
    input  logic                 rst_n,
    input  logic                 start,
    input  logic [WIDTH-1:0]     a,
    input  logic [WIDTH-1:0]     b,
    output logic                 busy,
    output logic                 done,
    output logic [2*WIDTH-1:0]   product
);
    localparam int CW = $clog2(WIDTH);

    // Partial product {upper, lower}: each step adds the multiplicand to the upper half when the
    // current multiplier bit (lower[0]) is 1, then shifts right by one. The adder keeps its
    // carry in upper_sum[WIDTH], which is shifted into the top of the next upper half.
    logic [WIDTH-1:0] mcand;
    logic [WIDTH-1:0] upper;
    logic [WIDTH-1:0] lower;
    logic [CW-1:0]    step;

    logic [WIDTH:0]   upper_sum;
    logic [WIDTH-1:0] next_upper;
    logic [WIDTH-1:0] next_lower;
    logic             last_step;

    assign upper_sum  = lower[0] ? ({1'b0, upper} + {1'b0, mcand}) : {1'b0, upper};
    assign next_upper = upper_sum[WIDTH:1];
    assign next_lower = {upper_sum[0], lower[WIDTH-1:1]};
    assign last_step  = (step == CW'(WIDTH - 1));

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            busy    <= 1'b0;
            done    <= 1'b0;
            product <= '0;
            mcand   <= '0;
            upper   <= '0;
            lower   <= '0;
            step    <= '0;
        end else if (busy && !start) begin
            upper <= next_upper;
            lower <= next_lower;
            step  <= step + 1'b1;
            if (last_step) begin
                busy    <= 1'b0;
                done    <= 1'b1;
                product <= {next_upper, next_lower};
            end
        end else begin
            done <= 1'b0;
            busy <= 1'b0;
            if (start) begin
                busy  <= 1'b1;
                mcand <= a;
                upper <= '0;
                lower <= b;
                step  <= '0;
            end
        end
    end
endmodule
