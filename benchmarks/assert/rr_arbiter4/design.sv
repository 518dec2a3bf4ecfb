module rr_arbiter4 (
  input  logic       clk,
  input  logic       rst_n,
  input  logic [3:0] req,
  output logic [3:0] gnt
);
  logic [1:0] last;
  logic [1:0] idx;
  logic [1:0] gidx;
  logic       found;

  always_comb begin
    gnt   = 4'b0000;
    gidx  = last;
    found = 1'b0;
    for (int i = 1; i <= 4; i++) begin
      idx = last + i[1:0];
      if (!found && req[idx]) begin
        gnt[idx] = 1'b1;
        gidx     = idx;
        found    = 1'b1;
      end
    end
  end

  always_ff @(posedge clk) begin
    if (!rst_n) last <= 2'd3;
    else if (found) last <= gidx;
  end
endmodule
