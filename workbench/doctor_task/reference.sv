module doctor_counter (
    input  logic       clk,
    input  logic       rst_n,
    output logic [3:0] count
);
    always_ff @(posedge clk) count <= rst_n ? count + 4'd1 : 4'd0;
endmodule
