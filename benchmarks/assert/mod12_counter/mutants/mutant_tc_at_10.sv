// mutant: tc decodes 10 instead of 11
module mod12_counter (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       en,
  input  logic       clr,
  output logic [3:0] count,
  output logic       tc
);
  assign tc = en && (count == 4'd10);

  always_ff @(posedge clk) begin
    if (!rst_n || clr) count <= 4'd0;
    else if (en) begin
      if (count >= 4'd11) count <= 4'd0;
      else count <= count + 4'd1;
    end
  end
endmodule
