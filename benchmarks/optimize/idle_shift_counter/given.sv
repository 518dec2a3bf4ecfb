// Idle detector for clock-gating a 12-stage pipeline: busy while an operation issued in the last
// 12 cycles may still be in flight, and a one-cycle pulse when the pipeline has just drained.
module idle_shift_counter (
    input  logic clk,
    input  logic rst_n,
    input  logic issue,
    output logic busy,
    output logic drained,
    output logic gate_en
);
    logic [12:0] in_flight;  // bit k: an operation issued k+1 edges ago; bit 12 has just left

    always_ff @(posedge clk) begin
        if (!rst_n) in_flight <= '0;
        else in_flight <= {in_flight[11:0], issue};
    end

    assign busy = |in_flight[11:0];
    assign drained = in_flight == 13'h1000;
    assign gate_en = !busy && !issue;
endmodule
