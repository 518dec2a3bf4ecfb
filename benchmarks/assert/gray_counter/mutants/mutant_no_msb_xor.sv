// mutant: gray keeps the binary bit 1 instead of xoring it
module gray_counter (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       en,
  output logic [3:0] gray
);
  logic [3:0] bin;

  assign gray = bin ^ {2'b00, bin[2:1]};

  always_ff @(posedge clk) begin
    if (!rst_n)  bin <= 4'd0;
    else if (en) bin <= bin + 4'd1;
  end
endmodule
