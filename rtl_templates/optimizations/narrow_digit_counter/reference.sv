// Decimal digit counter: counts increments 0 to 9 and wraps, with a registered carry to the next
// digit. The count never exceeds 9, so four bits hold it: a 16-bit register kept twelve bits that
// are always 0, and their incrementer and comparator logic.
module narrow_digit_counter (
    input  logic       clk,
    input  logic       rst_n,
    input  logic       inc,
    output logic [3:0] digit,
    output logic       carry
);
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            digit <= '0;
            carry <= 1'b0;
        end else begin
            carry <= inc && digit == 4'd9;
            if (inc) digit <= (digit == 4'd9) ? 4'd0 : digit + 4'd1;
        end
    end
endmodule
