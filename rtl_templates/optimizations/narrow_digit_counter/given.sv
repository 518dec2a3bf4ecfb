// Decimal digit counter: counts increments 0 to 9 and wraps, with a registered carry to the next
// digit.
module narrow_digit_counter (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       inc,
    output logic [3:0] digit,
    output logic       carry
);
    logic [15:0] count;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            count <= '0;
            carry <= 1'b0;
        end else begin
            carry <= inc && count == 16'd9;
            if (inc) count <= (count == 16'd9) ? 16'd0 : count + 16'd1;
        end
    end

    assign digit = count[3:0];
endmodule
