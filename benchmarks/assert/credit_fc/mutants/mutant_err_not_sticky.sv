// mutant: err is cleared when there is no excess return
module credit_fc (
  input  logic       clk,
  input  logic       rst_n,
  input  logic       req,
  output logic       send,
  input  logic       cr_ret,
  output logic [2:0] credits,
  output logic       err
);
  localparam logic [2:0] MAX = 3'd4;

  assign send = req && (credits != 3'd0);

  always_ff @(posedge clk) begin
    if (!rst_n) begin
      credits <= MAX;
      err     <= 1'b0;
    end else begin
      err <= 1'b0;
      if (send && !cr_ret) credits <= credits - 3'd1;
      else if (cr_ret && !send) begin
        if (credits >= MAX) err <= 1'b1;
        else                credits <= credits + 3'd1;
      end
    end
  end
endmodule
