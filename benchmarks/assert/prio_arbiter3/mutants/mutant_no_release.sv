// mutant: a holder keeps the grant after dropping its request
module prio_arbiter3 (
  input  logic       clk,
  input  logic       rst_n,
  input  logic [2:0] req,
  output logic [2:0] gnt
);
  logic       hold;
  logic [2:0] pick;

  assign hold = gnt != 3'b000;

  always_comb begin
    if (req[0])      pick = 3'b001;
    else if (req[1]) pick = 3'b010;
    else if (req[2]) pick = 3'b100;
    else             pick = 3'b000;
  end

  always_ff @(posedge clk) begin
    if (!rst_n)    gnt <= 3'b000;
    else if (hold) gnt <= gnt;
    else           gnt <= pick;
  end
endmodule
