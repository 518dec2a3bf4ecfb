// mutant: the last bit is inverted (detects 1100)
module seq_det_1101 (
  input  logic clk,
  input  logic rst_n,
  input  logic din,
  output logic detect
);
  localparam logic [2:0] S0 = 3'd0, S1 = 3'd1, S11 = 3'd2, S110 = 3'd3, FOUND = 3'd4;
  logic [2:0] state;
  logic [2:0] next;

  always_comb begin
    case (state)
      S0:      next = din ? S1    : S0;
      S1:      next = din ? S11   : S0;
      S11:     next = din ? S11   : S110;
      S110:    next = din ? S0    : FOUND;
      FOUND:   next = din ? S11   : S0;
      default: next = S0;
    endcase
  end

  always_ff @(posedge clk) begin
    if (!rst_n) state <= S0;
    else        state <= next;
  end

  assign detect = (state == FOUND);
endmodule
