module updown_counter (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       load,
  input  logic [3:0] value,
  input  logic       up,
  input  logic       down,
  output logic [3:0] count,
  output logic       at_zero
);
  assign at_zero = (count == 4'd0);

  always_ff @(posedge clk) begin
    if (!rst_n)             count <= 4'd0;
    else if (load)          count <= value;
    else if (up && !down)   count <= count + 4'd1;
    else if (down && !up)   count <= count - 4'd1;
  end
endmodule
