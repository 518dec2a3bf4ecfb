// mutant: inc wins when inc and dec are both 1
module sat_counter (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       inc,
  input  logic       dec,
  output logic [2:0] level,
  output logic       high
);
  assign high = level[2];

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      level <= 3'd3;
    end else if (inc) begin
      if (level != 3'd7) level <= level + 3'd1;
    end else if (dec && !inc) begin
      if (level != 3'd0) level <= level - 3'd1;
    end
  end
endmodule
