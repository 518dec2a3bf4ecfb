// Idle detector for clock-gating a 12-stage pipeline. Only whether some operation is still in
// flight matters, which is whether the last issue was fewer than 12 edges ago: a 4-bit count of
// the edges until the last issued operation leaves replaces the 13-bit occupancy map.
module idle_shift_counter (
    input  logic clk,
    input  logic rst_n,
    input  logic issue,
    output logic busy,
    output logic drained,
    output logic gate_en
);
    localparam logic [3:0] DEPTH = 4'd12;

    logic [3:0] cycles_left;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            cycles_left <= '0;
            drained <= 1'b0;
        end else begin
            drained <= cycles_left == 4'd1 && !issue;
            if (issue) cycles_left <= DEPTH;
            else if (cycles_left != 4'd0) cycles_left <= cycles_left - 4'd1;
        end
    end

    assign busy = cycles_left != 4'd0;
    assign gate_en = !busy && !issue;
endmodule
