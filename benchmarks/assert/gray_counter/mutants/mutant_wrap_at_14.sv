// mutant: the count wraps after 14 (gray 1001) instead of 15
module gray_counter (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       en,
  output logic [3:0] gray
);
  logic [3:0] bin;

  assign gray = bin ^ (bin >> 1);

  always_ff @(posedge clk) begin
    if (!rst_n)  bin <= 4'd0;
    else if (en) bin <= (bin == 4'd14) ? 4'd0 : bin + 4'd1;
  end
endmodule
